/**
 * Splits a long reply into WeChat-sized messages. Cuts prefer a paragraph break, then a line
 * break, then the end of a sentence, then a comma or space, and only then the middle of a
 * run of text, so each message reads on its own. Lengths count code points: an emoji is one
 * character to the customer and must never be cut in half.
 */
const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';', '…']);
const SOFT_BREAK = new Set(['，', ',', '、', ' ', '：', ':']);

export function splitMessage(text: string, maxChars: number): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  let rest = Array.from(text.trim());
  const chunks: string[] = [];
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const chunk = rest.slice(0, cut).join('').trim();
    if (chunk) chunks.push(chunk);
    rest = Array.from(rest.slice(cut).join('').trimStart());
  }
  const last = rest.join('').trim();
  if (last) chunks.push(last);
  return chunks;
}

/** Index after which to cut, within the first `limit` characters. */
function findCut(chars: string[], limit: number): number {
  // A cut in the first third would leave a stub message; fall through to the next kind of break.
  const floor = Math.floor(limit / 3);
  const window = chars.slice(0, limit);
  for (let i = window.length - 1; i > floor; i--) if (window[i] === '\n' && window[i - 1] === '\n') return i + 1;
  for (let i = window.length - 1; i >= floor; i--) if (window[i] === '\n') return i + 1;
  for (let i = window.length - 1; i >= floor; i--) if (SENTENCE_END.has(window[i])) return i + 1;
  for (let i = window.length - 1; i >= floor; i--) if (SOFT_BREAK.has(window[i])) return i + 1;
  return limit;
}
