/** Shared lexicons, built on first use. */
import { FuzzyLexicon } from './fuzzyLexicon';
import { cutDictionaryWords, isDictionaryWord, telecomTerms } from './tokenizer';

let telecom: FuzzyLexicon<string> | undefined;

/** Three-character telecom terms distinctive enough to match with one wrong character (机顶合, 营业听). */
const FUZZY_THREE = new Set(['机顶盒', '营业厅', '实名制', '流量包', '工信部', '通管局', '转人工', '副卡', '彩铃']);

/** The telecom dictionary as a typo-tolerant lexicon (value: the correctly written term). */
export function telecomLexicon(): FuzzyLexicon<string> {
  if (!telecom) {
    telecom = new FuzzyLexicon(
      // model text is lower-cased, so the terms are too
      telecomTerms().map((t) => ({ term: t.toLowerCase(), value: t.toLowerCase(), fuzzy: FUZZY_THREE.has(t) || undefined })),
      { isKnownWord: isDictionaryWord, segment: cutDictionaryWords },
    );
  }
  return telecom;
}

const NO_TERMS: string[] = [];
const NO_HITS: Array<{ term: string; start: number }> = [];

/** Like misspeltTelecomTerms, with the offset of each, in text order (feature extraction by clause). */
export function misspeltTelecomHits(text: string): Array<{ term: string; start: number }> {
  const hits = telecomLexicon().find(text, { exact: false });
  if (hits.length === 0) return NO_HITS;
  return hits.map((hit) => ({ term: hit.value, start: hit.start })).sort((a, b) => a.start - b.start);
}

/**
 * Telecom terms the customer misspelt (协号转网 → 携号转网). Correctly written terms are already
 * jieba words, so only the corrections are returned, as extra word features.
 */
export function misspeltTelecomTerms(text: string): string[] {
  const hits = telecomLexicon().find(text, { exact: false });
  if (hits.length === 0) return NO_TERMS;
  return hits.map((hit) => hit.value);
}
