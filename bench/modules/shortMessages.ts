/**
 * Input for the speed benchmarks: short customer messages from the corpus. `distinct` makes
 * every line different (corpus lines with everyday openings and endings: "你好，", "请问", "！",
 * "谢谢"), so the classify answer cache cannot flatter the figure; `cycled` repeats the corpus
 * lines as they are.
 */
import { readCorpus } from '../../intents/corpus';

const OPENINGS = ['', '你好，', '请问', '喂，', '麻烦看一下，', '客服，', '我想问下，', '唉，', '说真的，', '在吗？'];
const ENDINGS = ['', '！', '？', '。', '，谢谢', '！！', '啊', '呢', '…', '，尽快处理'];

function pool(maxLength: number): string[] {
  const corpus = readCorpus();
  const lines = [...corpus.train, ...corpus.heldOut].map((e) => e.text).filter((t) => t.length <= maxLength);
  if (lines.length === 0) throw new Error('no corpus lines to benchmark with');
  return lines;
}

export function shortMessages(count: number, { distinct = true, maxLength = 40 } = {}): string[] {
  const lines = pool(maxLength);
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count; i++) {
    const base = lines[i % lines.length];
    const round = Math.floor(i / lines.length);
    if (!distinct) {
      out.push(base);
      continue;
    }
    if (round >= OPENINGS.length * ENDINGS.length) throw new Error('not enough corpus lines for that many distinct messages');
    const text =
      OPENINGS[round % OPENINGS.length] + base.replace(/[。！？!?]+$/, '') + ENDINGS[Math.floor(round / OPENINGS.length) % ENDINGS.length];
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}
