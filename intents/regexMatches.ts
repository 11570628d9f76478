/**
 * Every match of a global expression as [start, end], found with exec on the expression itself:
 * `matchAll` copies the expression on every call, and these run on every message.
 */
export function matchSpans(re: RegExp, text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    spans.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return spans;
}
