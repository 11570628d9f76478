/**
 * Lexicon matching that tolerates one typo, as customers type on phones with pinyin input and
 * pick the wrong homophone (协号转网, 通讯管理局, 工信步, 机顶合).
 *
 * Exact hits are found with a first-character index. Fuzzy hits are what natural is for: a
 * cheap prefilter (a term's character bigram or skip-bigram occurs in the text) proposes a
 * small window, and natural's Damerau-Levenshtein substring search decides whether the window
 * really holds the term with at most one edit. natural's implementation allocates an object
 * per matrix cell, so it is only ever run on those short windows, never on whole texts.
 */

// Only the distance submodule: require('natural') costs ~600 ms and prints on stdout.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const levenshtein = require('natural/lib/natural/distance/levenshtein_distance') as {
  DamerauLevenshteinDistanceSearch(
    source: string,
    target: string,
    options?: Record<string, unknown>,
  ): { substring: string; distance: number; offset: number };
  DamerauLevenshteinDistance(source: string, target: string, options?: Record<string, unknown>): number;
};

export interface LexiconEntry<T> {
  term: string;
  value: T;
  /**
   * Allow one typo. Default: terms of four or more characters that are not plain ASCII. A
   * three-character term with one character wrong is too often a different phrase (告你们 vs
   * 被你们), so three-character terms are fuzzy only when a lexicon says so.
   */
  fuzzy?: boolean;
}

export interface LexiconHit<T> {
  term: string;
  value: T;
  start: number;
  end: number;
  /** 0 for an exact hit. */
  distance: number;
  /** What the text actually says at that place. */
  matched: string;
}

export interface FuzzyLexiconOptions {
  /** Rejects a fuzzy match whose text is itself a legitimate word (营业员 is not a typo of 营业厅). */
  isKnownWord?: (text: string) => boolean;
  /**
   * Segments text into dictionary words (no guessing of new words). A wrong character that is
   * part of a real word in context (上门时间 vs 上班时间, 上次投诉 vs 多次投诉) is a different
   * phrase, not a typo; a homophone slip leaves a stray single character (协号转网, 机顶合).
   */
  segment?: (text: string) => string[];
}

interface Entry<T> {
  term: string;
  value: T;
  fuzzy: boolean;
  /** The term's second character code, -1 for a one-character term: most first-character matches fail on it. */
  second: number;
}

function pairKey(a: number, b: number): number {
  return a * 65536 + b;
}

const PAIR_FILTER_BITS = 16;

/** Where a pair (skip 1: neighbours, 2: one between) falls in the prefilter bitset. */
function pairSlot(a: number, b: number, skip: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b * 4 + skip, 0x85ebca6b)) >>> (32 - PAIR_FILTER_BITS);
}

export class FuzzyLexicon<T> {
  private readonly entries: Entry<T>[];
  private readonly byFirstChar = new Map<number, number[]>();
  private readonly byPair = new Map<number, number[]>();
  private readonly bySkipPair = new Map<number, number[]>();
  private readonly terms = new Set<string>();
  private readonly verdicts = new Map<string, number>();
  /** Quick rejects: characters that start a term / a fuzzy-prefilter pair. */
  private readonly firstCharMask = new Uint8Array(65536);
  private readonly pairFirstMask = new Uint8Array(65536);
  /**
   * A bit per hashed pair of the fuzzy index: nearly every pair of a text is in no term, and
   * this answers that without a map lookup.
   */
  private readonly pairBits = new Uint32Array((1 << PAIR_FILTER_BITS) / 32);
  /** Per entry, the number of the last find() that hit it exactly / tried it as a typo (instead of two sets per call). */
  private readonly exactIn: Uint32Array;
  private readonly triedIn: Uint32Array;
  private calls = 0;

  constructor(
    entries: Array<LexiconEntry<T>>,
    private readonly options: FuzzyLexiconOptions = {},
  ) {
    this.entries = entries.map((e) => ({
      term: e.term,
      value: e.value,
      fuzzy: (e.fuzzy ?? e.term.length >= 4) && e.term.length >= 3 && /[\u0080-\uffff]/.test(e.term),
      second: e.term.length >= 2 ? e.term.charCodeAt(1) : -1,
    }));
    this.exactIn = new Uint32Array(this.entries.length);
    this.triedIn = new Uint32Array(this.entries.length);
    this.entries.forEach((entry, id) => {
      this.terms.add(entry.term);
      push(this.byFirstChar, entry.term.charCodeAt(0), id);
      if (!entry.fuzzy) return;
      const t = entry.term;
      for (let skip = 1; skip <= 2; skip++) {
        for (let i = 0; i + skip < t.length; i++) {
          const a = t.charCodeAt(i);
          const b = t.charCodeAt(i + skip);
          push(skip === 1 ? this.byPair : this.bySkipPair, pairKey(a, b), id);
          const slot = pairSlot(a, b, skip);
          this.pairBits[slot >>> 5] |= 1 << (slot & 31);
        }
      }
    });
    for (const c of this.byFirstChar.keys()) this.firstCharMask[c] = 1;
    for (const key of [...this.byPair.keys(), ...this.bySkipPair.keys()]) this.pairFirstMask[Math.floor(key / 65536)] = 1;
    for (const list of this.byFirstChar.values()) list.sort((a, b) => this.entries[b].term.length - this.entries[a].term.length);
  }

  /** All hits, exact ones first; a fuzzy hit is only reported where no exact hit of that term exists. */
  /**
   * Hits in the text. `exact: false` reports only typo hits (skipping the exact scan; a term
   * present verbatim is then never reported as a typo).
   */
  find(text: string, { fuzzy = true, exact = true }: { fuzzy?: boolean; exact?: boolean } = {}): Array<LexiconHit<T>> {
    const hits: Array<LexiconHit<T>> = [];
    const call = this.nextCall();
    const firstMask = this.firstCharMask;
    for (let i = 0; exact && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (firstMask[c] === 0) continue;
      const next = text.charCodeAt(i + 1);
      for (const id of this.byFirstChar.get(c)!) {
        const entry = this.entries[id];
        if (entry.second >= 0 && entry.second !== next) continue;
        const term = entry.term;
        if (text.startsWith(term, i)) {
          hits.push({ term, value: entry.value, start: i, end: i + term.length, distance: 0, matched: term });
          this.exactIn[id] = call;
        }
      }
    }
    if (!fuzzy || this.byPair.size === 0) return hits;

    const pairMask = this.pairFirstMask;
    const pairBits = this.pairBits;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      if (pairMask[a] === 0) continue;
      for (let skip = 1; skip <= 2; skip++) {
        if (i + skip >= text.length) break;
        const b = text.charCodeAt(i + skip);
        const slot = pairSlot(a, b, skip);
        if ((pairBits[slot >>> 5] & (1 << (slot & 31))) === 0) continue;
        const ids = (skip === 1 ? this.byPair : this.bySkipPair).get(pairKey(a, b));
        if (!ids) continue;
        for (const id of ids) {
          if (this.exactIn[id] === call || this.triedIn[id] === call) continue;
          this.triedIn[id] = call;
          if (!exact && text.includes(this.entries[id].term)) continue;
          const hit = this.fuzzyAt(text, id, i);
          if (hit) hits.push(hit);
        }
      }
    }
    return hits;
  }

  /** A number for this find() call, unlike any still stored in exactIn / triedIn. */
  private nextCall(): number {
    if (this.calls === 0xffffffff) {
      this.calls = 0;
      this.exactIn.fill(0);
      this.triedIn.fill(0);
    }
    return ++this.calls;
  }

  private fuzzyAt(text: string, id: number, around: number): LexiconHit<T> | undefined {
    const { term, value } = this.entries[id];
    const from = Math.max(0, around - term.length);
    const window = text.slice(from, Math.min(text.length, around + 2 * term.length));
    // One edit leaves at least L-1 of the term's characters, in order (up to one swap): a cheap
    // test that spares natural's search for the many windows that merely share a bigram.
    let matched: string;
    let start: number;
    let distance: number;
    if (term.length <= 5) {
      // Up to five characters only substitutions and swaps count (a dropped character turns
      // 收不到短信 into 收到短信, or leaves 流量超 for 流量超额): find where the term lines up with
      // one character off, and let natural's Damerau-Levenshtein confirm the single edit.
      const at = nearAlignment(term, window);
      if (at < 0) return undefined;
      matched = window.slice(at, at + term.length);
      distance = levenshtein.DamerauLevenshteinDistance(term, matched);
      if (distance !== 1) return undefined;
      start = from + at;
    } else {
      // Longer terms: one edit of any kind (two from eight characters), wherever natural's
      // substring search finds the best match.
      const maxDistance = term.length >= 8 ? 2 : 1;
      if (orderedOverlap(term, window) < term.length - maxDistance) return undefined;
      const found = levenshtein.DamerauLevenshteinDistanceSearch(term, window);
      if (found.distance > maxDistance || found.distance === 0) return undefined;
      matched = found.substring;
      if (Math.abs(matched.length - term.length) > 1) return undefined;
      distance = found.distance;
      start = from + found.offset;
    }
    // Three-character terms must get the first character right (们人工 is not 转人工), and the
    // wrong character must be a Chinese character, not a digit or a placeholder (①兆宽带 is
    // 1000兆宽带, not a typo of 千兆宽带).
    if (term.length === 3 && matched[0] !== term[0]) return undefined;
    if (matched.length === term.length && !this.plausibleSlip(term, matched)) return undefined;
    if (matched.length === term.length) {
      for (let k = 0; k < term.length; k++) if (matched[k] !== term[k] && !/[\u4e00-\u9fff]/.test(matched[k])) return undefined;
    }
    if (matched === term || this.terms.has(matched)) return undefined;
    if (!this.acceptable(matched)) return undefined;
    if (term.length <= 4 && this.options.segment && this.slipInsideWord(text, start, matched, term)) return undefined;
    return { term, value, start, end: start + matched.length, distance, matched };
  }

  /**
   * A typo swaps one content character for a similar-sounding one. A grammatical character in its
   * place (流量的, 副卡办了, 积分能换) means the text simply says something else; and when the two
   * characters of a three-character term that are right form a word of their own (流量 of 流量包,
   * 营业 of 营业厅), the third is just whatever follows that word.
   */
  private plausibleSlip(term: string, matched: string): boolean {
    for (let k = 0; k < term.length; k++) {
      if (matched[k] !== term[k] && FUNCTION_CHARS.has(matched[k])) return false;
    }
    if (term.length === 3 && this.options.isKnownWord) {
      const wrong = [...term].findIndex((ch, k) => matched[k] !== ch);
      const rest = wrong === 2 ? term.slice(0, 2) : wrong === 0 ? term.slice(1) : '';
      if (rest && this.options.isKnownWord(rest)) return false;
    }
    return true;
  }

  private slipInsideWord(text: string, start: number, matched: string, term: string): boolean {
    const ctxFrom = Math.max(0, start - 2);
    const context = text.slice(ctxFrom, Math.min(text.length, start + matched.length + 2));
    const tokens = this.options.segment!(context);
    const wordAt: number[] = [];
    for (const t of tokens) for (let i = 0; i < t.length; i++) wordAt.push(t.length);
    for (let k = 0; k < matched.length; k++) {
      if (matched[k] === term[k]) continue;
      if ((wordAt[start - ctxFrom + k] ?? 1) > 1) return true;
    }
    return false;
  }

  private acceptable(matched: string): boolean {
    const known = this.verdicts.get(matched);
    if (known !== undefined) return known === 1;
    const ok = !(this.options.isKnownWord?.(matched) ?? false) && !/[\s,，。.!！?？;；:：、]/.test(matched);
    if (this.verdicts.size > 50000) this.verdicts.clear();
    this.verdicts.set(matched, ok ? 1 : 0);
    return ok;
  }
}

/** Particles, pronouns and other grammatical characters: never the result of a typo in a telecom term. */
const FUNCTION_CHARS = new Set([
  ...'了的吗啊呢吧嘛呀么是也就还不没很都又才被把给让和跟与在有我你他她它这那哪谁什怎咋能会要想得地着过哦嗯呗啦完好掉住',
]);

/** Where in the window the term fits with one character wrong or two neighbours swapped; -1 if nowhere. */
function nearAlignment(term: string, window: string): number {
  const L = term.length;
  for (let p = 0; p + L <= window.length; p++) {
    let misses = 0;
    let firstMiss = -1;
    for (let k = 0; k < L && misses <= 2; k++) {
      if (window[p + k] !== term[k]) {
        if (misses === 0) firstMiss = k;
        misses++;
      }
    }
    if (misses === 1) return p;
    if (misses === 2 && window[p + firstMiss] === term[firstMiss + 1] && window[p + firstMiss + 1] === term[firstMiss]) return p;
  }
  return -1;
}

/** Length of the greedy in-order match of the term's characters inside the window. */
function orderedOverlap(term: string, window: string): number {
  let matched = 0;
  let at = 0;
  for (let i = 0; i < term.length; i++) {
    const j = window.indexOf(term[i], at);
    if (j < 0) continue;
    matched++;
    at = j + 1;
  }
  return matched;
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
