/**
 * The training corpus: intents/data/corpus/<label>.txt, one message per line. A stable,
 * content-based split keeps every fifth message (by hash of its normalised text) out of
 * training, so the held-out part stays the same while the files grow and whatever order the
 * lines are in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { normalizeText } from './normalize';
import { dataPath } from './packageRoot';
import type { Example } from './textClassifier';

export function corpusDir(): string {
  return dataPath('corpus');
}

/** 32-bit FNV-1a of a string. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const HOLDOUT_MODULUS = 5;

/** True for the messages that are never trained on. */
export function isHeldOut(text: string): boolean {
  return stableHash(normalizeText(text)) % HOLDOUT_MODULUS === 0;
}

export interface Corpus {
  train: Example[];
  heldOut: Example[];
  /** Texts found under more than one label; dropped from both parts. */
  conflicts: string[];
  duplicates: number;
}

export function readCorpus(dir = corpusDir()): Corpus {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
  const byText = new Map<string, { text: string; labels: Set<string> }>();
  let duplicates = 0;
  for (const file of files) {
    const label = path.basename(file, '.txt');
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const text = line.replace(/\r$/, '').trim();
      if (!text || text.startsWith('#')) continue;
      const key = normalizeText(text);
      const seen = byText.get(key);
      if (seen) {
        if (seen.labels.has(label)) duplicates++;
        seen.labels.add(label);
      } else byText.set(key, { text, labels: new Set([label]) });
    }
  }
  const corpus: Corpus = { train: [], heldOut: [], conflicts: [], duplicates };
  for (const [key, { text, labels }] of byText) {
    if (labels.size > 1) {
      corpus.conflicts.push(text);
      continue;
    }
    const example = { text, label: [...labels][0] };
    if (stableHash(key) % HOLDOUT_MODULUS === 0) corpus.heldOut.push(example);
    else corpus.train.push(example);
  }
  return corpus;
}
