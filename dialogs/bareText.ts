/** A reply without spaces and punctuation, for matching short answers such as «对，就是这样！». */
export function bareText(text: string): string {
  return text.replace(/[\s\p{P}]/gu, '');
}
