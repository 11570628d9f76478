/**
 * Regenerates intents/data/jieba.trimmed.dict: the most frequent words of nodejieba's default
 * dictionary. Loading the full dictionary costs about a second per process (nodejieba reads it
 * twice, once for the segmenter and once for TextRank), which alone would blow the CLI's
 * throughput budget; the frequent words plus the telecom dictionary segment customer messages
 * almost identically, and the HMM still handles unknown words.
 *
 *   node dist/intents/tools/trimJiebaDict.js [topN, default 20000]
 */
import * as fs from 'fs';
import * as path from 'path';
import { dataPath } from '../packageRoot';

function main(): void {
  const top = Number(process.argv[2] ?? 20000);
  const jiebaDir = path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules', 'cppjieba', 'dict');
  const lines = fs.readFileSync(path.join(jiebaDir, 'jieba.dict.utf8'), 'utf8').split('\n').filter(Boolean);
  const rows = lines.map((line) => {
    const [word, freq, tag] = line.split(' ');
    return { word, freq: Number(freq), tag: tag ?? 'x' };
  });
  rows.sort((a, b) => b.freq - a.freq || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const kept = rows.slice(0, top).sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  fs.writeFileSync(dataPath('jieba.trimmed.dict'), kept.map((r) => `${r.word} ${r.freq} ${r.tag}`).join('\n') + '\n');
  process.stderr.write(`kept ${kept.length} of ${rows.length} words\n`);
}

main();
