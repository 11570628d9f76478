/**
 * Synthetic multi-grievance messages built from the corpus held-out split (never trained on):
 * two or three short complaints of different categories joined the way customers join them
 * (，而且 / 。还有 / 第一…第二…). Used to tune and watch the grievance splitter without
 * touching the blind multi.tsv.
 */
import { readCorpus } from '../intents/corpus';
import { prng } from '../intents/linearModel';
import type { Example } from '../intents/textClassifier';

const JOINERS: Array<(parts: string[]) => string> = [
  (p) => p.join('，'),
  (p) => p.join('。'),
  (p) => p.map((s, i) => (i === 0 ? s : `而且${s}`)).join('，'),
  (p) => p.map((s, i) => (i === 0 ? s : `还有，${s}`)).join('。'),
  (p) => p.map((s, i) => (i === 0 ? s : `另外${s}`)).join('；'),
  (p) => p.map((s, i) => `${'第一第二第三'.slice(i * 2, i * 2 + 2)}，${s}`).join('。'),
  (p) => p.map((s, i) => `${i + 1}. ${s}`).join(' '),
  (p) => p.join('！'),
];

export interface SyntheticCase {
  text: string;
  labels: string[];
}

function clean(text: string): string {
  return text.replace(/[。！!？?，,；;\s]+$/g, '');
}

export function syntheticGrievances(count = 300, seed = 7): { multi: SyntheticCase[]; singles: Example[] } {
  const corpus = readCorpus();
  const rand = prng(seed);
  const complaints = corpus.heldOut.filter((e) => e.label !== 'none' && e.text.length <= 40 && !/[，。！？!?,；;]/.test(clean(e.text)));
  const byLabel = new Map<string, Example[]>();
  for (const e of complaints) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
  const labels = [...byLabel.keys()].sort();
  const multi: SyntheticCase[] = [];
  for (let i = 0; i < count; i++) {
    const n = rand() < 0.7 ? 2 : 3;
    const chosen: string[] = [];
    while (chosen.length < n) {
      const l = labels[Math.floor(rand() * labels.length)];
      if (!chosen.includes(l)) chosen.push(l);
    }
    const parts = chosen.map((l) => {
      const pool = byLabel.get(l)!;
      return clean(pool[Math.floor(rand() * pool.length)].text);
    });
    const join = JOINERS[Math.floor(rand() * JOINERS.length)];
    multi.push({ text: join(parts), labels: chosen });
  }
  const singles = corpus.heldOut.filter((e) => e.label !== 'none');
  return { multi, singles };
}
