/**
 * Text normalisation shared by training and recognition, so a message classifies the same way
 * whatever script, width or masking it arrives in.
 *
 *  - full-width ASCII (ＡＢＣ１２３！？) → half-width, ideographic space → space;
 *  - traditional → simplified with OpenCC, only when the text holds traditional characters:
 *    the Taiwan-phrase converter also rewrites words (寬頻→宽带, 簡訊→短信), but it would turn a
 *    simplified 资料 into 数据, so simplified text is left alone;
 *  - masked digits (******, 138****5678, 4401**********1234) become one mask character, and
 *    plain digit runs are folded so the model learns "a number" rather than each number.
 */

import * as fs from 'fs';
import { dataPath } from './packageRoot';

// opencc-js publishes the traditional→simplified build as a subpath export; its types are the full build's.
type OpenCC = typeof import('opencc-js');

export type ConverterFunction = (text: string) => string;

let charLevel: ConverterFunction | undefined;
let phraseLevel: ConverterFunction | undefined;

function converters(): { charLevel: ConverterFunction; phraseLevel: ConverterFunction } {
  if (!charLevel || !phraseLevel) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const opencc = require('opencc-js/t2cn') as OpenCC;
    charLevel = opencc.Converter({ from: 't', to: 'cn' });
    phraseLevel = opencc.Converter({ from: 'twp', to: 'cn' });
  }
  return { charLevel, phraseLevel };
}

/** Mainland usage for words OpenCC leaves in their variant form. */
const VARIANT_FIXES: Array<[RegExp, string]> = [
  [/帐(单|户|号|目|务|期)/g, '账$1'],
  [/讯号/g, '信号'],
  [/网路/g, '网络'],
];

/**
 * The code units OpenCC's character-level traditional→simplified conversion changes, as one
 * string. Most messages are simplified, so detection is one table lookup per character, and
 * OpenCC (~30 ms to load its dictionaries) is loaded only for a message that needs it. The list
 * is packaged (intents/data/traditional-units.txt, from `node dist/intents/tools/traditionalUnits.js`;
 * a test checks it against the installed OpenCC).
 */
export function traditionalUnitsFromOpenCC(): string {
  const chars = converters().charLevel;
  let out = '';
  for (let c = 0x3400; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (chars(ch) !== ch) out += ch;
  }
  return out;
}

export const TRADITIONAL_UNITS_FILE = 'traditional-units.txt';

/** 1 for a code unit that is traditional. */
let traditional: Uint8Array | undefined;

function traditionalTable(): Uint8Array {
  if (traditional) return traditional;
  const table = new Uint8Array(65536);
  const units = fs.readFileSync(dataPath(TRADITIONAL_UNITS_FILE), 'utf8').trim();
  for (let i = 0; i < units.length; i++) table[units.charCodeAt(i)] = 1;
  return (traditional = table);
}

function hasTraditional(text: string): boolean {
  let table: Uint8Array | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    table ??= traditionalTable();
    if (table[c] === 1) return true;
  }
  return false;
}

export function toSimplified(text: string): string {
  if (!hasTraditional(text)) return text;
  let out = converters().phraseLevel(text);
  for (const [pattern, replacement] of VARIANT_FIXES) out = out.replace(pattern, replacement);
  return out;
}

export function toHalfWidth(text: string): string {
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) {
      changed = true;
      break;
    }
  }
  if (!changed) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/**
 * The readable form: half-width and simplified, otherwise untouched. Slots, small talk and
 * emotion read this form (they need the real digits and the case of Latin letters).
 */
export function normalizeText(text: string): string {
  return toSimplified(toHalfWidth(text.replace(/\r/g, ''))).trim();
}

/** Placeholder for masked or identifying digit runs. */
export const MASK = '\u2588';
/** Placeholder for an ordinary number. */
export const NUMBER = '\u2460';

const MASKED_RUN = /[0-9]*(?:[*＊×]{3,}|[xX]{3,})[0-9]*|[0-9]*[*＊]{2,}[0-9]+/g;
const LONG_DIGITS = /\d{7,}[0-9xX]?/g;
const DIGITS = /\d+(?:\.\d+)?(?![0-9]*[gG])/g;

/**
 * The form the classifier sees: the readable form, lower-cased Latin, masked numbers and long
 * digit runs collapsed to MASK, other numbers to NUMBER (except "5G"-style generation names).
 */
export function normalizeForModel(readable: string): string {
  let out = readable.toLowerCase();
  if (/\d|[*＊]/.test(out)) {
    out = out.replace(MASKED_RUN, MASK).replace(LONG_DIGITS, MASK).replace(DIGITS, NUMBER);
  }
  return out;
}

/**
 * Keeps texts aligned character for character: what a replaced run leaves behind, ignored by
 * the features. (U+0001 never occurs in customer text; normalizeText strips nothing else.)
 */
export const FILLER = '\u0001';

function fill(placeholder: string) {
  return (run: string) => placeholder + FILLER.repeat(run.length - 1);
}

/**
 * The model form aligned with its input: the same replacements as normalizeForModel, but each
 * replaced run keeps its length (placeholder + fillers) and the case is kept (jieba matches
 * "5G", "WiFi" in the telecom dictionary; features lower-case ASCII themselves). Clause offsets
 * into the readable text then index the model text too, so a message is segmented once.
 */
export function alignedModelText(readable: string): string {
  if (!/\d|[*＊]/.test(readable)) return readable;
  return readable.replace(MASKED_RUN, fill(MASK)).replace(LONG_DIGITS, fill(MASK)).replace(DIGITS, fill(NUMBER));
}

/** Public convenience: both steps. */
export function normalize(text: string): string {
  return normalizeForModel(normalizeText(text));
}
