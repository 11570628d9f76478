/**
 * Form-field boilerplate in agent-written work orders ("工单编号：…@~受理渠道：…@~客户诉求：…").
 * The field names and stock phrases say nothing about the category but dominate the n-gram
 * counts of short orders. Rather than hard-coding one operator's form, the stripper learns them
 * from the training set: a field or clause that occurs in a large share of the training
 * documents, spread over most labels, is boilerplate. The learnt list travels in the model and
 * is removed from every text before featurisation, in training and in recognition alike.
 */

import { FILLER } from './normalize';

/** Field and clause separators: the work-order field marker @~, colons, line breaks, pipes, sentence punctuation. */
const SEPARATORS = /@~|[:：\n\r\t|｜;；。!！?？,，、]+/;

export function splitFields(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface BoilerplateOptions {
  /** Minimum share of documents a segment must appear in. */
  minShare: number;
  /** The segment must appear in at least this share of the labels. */
  minLabelShare: number;
  /** Below this many documents nothing is learnt. */
  minDocuments: number;
  maxLength: number;
}

export const DEFAULT_BOILERPLATE: BoilerplateOptions = {
  minShare: 0.2,
  minLabelShare: 0.6,
  minDocuments: 40,
  maxLength: 40,
};

export function learnBoilerplate(texts: string[], labels: string[], options: Partial<BoilerplateOptions> = {}): string[] {
  const opt = { ...DEFAULT_BOILERPLATE, ...options };
  if (texts.length < opt.minDocuments) return [];
  const df = new Map<string, number>();
  const labelsOf = new Map<string, Set<string>>();
  texts.forEach((text, i) => {
    const seen = new Set(splitFields(text).filter((s) => s.length <= opt.maxLength));
    for (const s of seen) {
      df.set(s, (df.get(s) ?? 0) + 1);
      let set = labelsOf.get(s);
      if (!set) labelsOf.set(s, (set = new Set()));
      set.add(labels[i]);
    }
  });
  const nLabels = new Set(labels).size;
  const out: string[] = [];
  for (const [segment, count] of df) {
    if (count / texts.length < opt.minShare) continue;
    if ((labelsOf.get(segment)?.size ?? 0) / nLabels < opt.minLabelShare) continue;
    out.push(segment);
  }
  return out.sort();
}

export class BoilerplateStripper {
  private readonly segments: Set<string>;

  constructor(segments: readonly string[]) {
    this.segments = new Set(segments);
  }

  get size(): number {
    return this.segments.size;
  }

  /**
   * The text with boilerplate segments blanked out by filler characters: same length, so the
   * offsets of the readable text still apply, and invisible to the features.
   */
  stripAligned(text: string): string {
    if (this.segments.size === 0) return text;
    const parts = text.split(/(@~|[:：\n\r\t|｜;；。!！?？,，、]+)/);
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      out += i % 2 === 0 && this.segments.has(part.trim()) ? FILLER.repeat(part.length) : part;
    }
    return out;
  }

  /** The text with boilerplate segments replaced by a separator, so no n-gram spans the gap. */
  strip(text: string): string {
    if (this.segments.size === 0) return text;
    const parts = text.split(/(@~|[:：\n\r\t|｜;；。!！?？,，、]+)/);
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i % 2 === 1) {
        out += part === '@~' ? '。' : part;
        continue;
      }
      out += this.segments.has(part.trim()) ? '' : part;
    }
    return out;
  }
}
