/**
 * An offset-preserving matching copy of a text: simplified characters, half-width ASCII, no
 * whitespace, and a few folds (您→你, 妳→你, 啦→了) so one pattern covers the usual variants.
 * Every character of the copy remembers where it came from, so a match on the copy maps back to
 * exact offsets in the original.
 */

type ConverterFunction = (text: string) => string;

/** Folds applied after conversion: polite/variant forms that mean the same for matching. */
const FOLDS: Record<string, string> = {
  您: '你',
  妳: '你',
  伱: '你',
  啦: '了',
  咧: '了',
  麽: '么',
  瞭: '了',
};

/** Used only if opencc-js cannot be loaded: the traditional characters our patterns care about. */
const FALLBACK_T2S: Record<string, string> = {
  錯: '错',
  誤: '误',
  聽: '听',
  說: '说',
  們: '们',
  這: '这',
  沒: '没',
  辦: '办',
  歸: '归',
  規: '规',
  樣: '样',
  訴: '诉',
  幾: '几',
  講: '讲',
  經: '经',
  嗎: '吗',
  為: '为',
  關: '关',
  係: '系',
  隨: '随',
  愛: '爱',
  領: '领',
  導: '导',
  麼: '么',
  問: '问',
  題: '题',
  責: '责',
  記: '记',
  煩: '烦',
  實: '实',
  態: '态',
  處: '处',
  會: '会',
  見: '见',
  還: '还',
  頭: '头',
  個: '个',
  連: '连',
  種: '种',
  識: '识',
  樂: '乐',
  別: '别',
  夠: '够',
  長: '长',
  從: '从',
  貨: '货',
  帳: '账',
  單: '单',
  費: '费',
  無: '无',
  難: '难',
  讓: '让',
  話: '话',
  約: '约',
  應: '应',
  該: '该',
  給: '给',
  對: '对',
  員: '员',
  層: '层',
  級: '级',
  報: '报',
};

let converter: ConverterFunction | null | undefined;

function charConverter(): ConverterFunction | null {
  if (converter === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const opencc = require('opencc-js/t2cn') as typeof import('opencc-js');
      converter = opencc.Converter({ from: 't', to: 'cn' });
    } catch {
      converter = null;
    }
  }
  return converter;
}

const simplifiedCache = new Map<string, string>();

function simplifyChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x3400 || (code >= 0xd800 && code <= 0xdfff)) return ch;
  let out = simplifiedCache.get(ch);
  if (out === undefined) {
    const convert = charConverter();
    const converted = convert ? convert(ch) : (FALLBACK_T2S[ch] ?? ch);
    // Only one-for-one replacements keep the offset map exact.
    out = converted.length === 1 ? converted : ch;
    simplifiedCache.set(ch, out);
  }
  return out;
}

const SKIPPED = /[\s\u200b-\u200d\u2060\ufeff]/;

export interface MatchText {
  /** The normalised copy. */
  text: string;
  /** map[i] is the index in the original of the copy's character i. */
  map: number[];
}

export function toMatchText(original: string): MatchText {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    let ch = original[i];
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) ch = ' ';
    if (SKIPPED.test(ch)) continue;
    ch = simplifyChar(ch);
    ch = FOLDS[ch] ?? ch;
    text += ch;
    map.push(i);
  }
  return { text, map };
}

/** Original offsets [start, end) of the copy's span [from, to). */
export function originalSpan(m: MatchText, from: number, to: number): { start: number; end: number } {
  return { start: m.map[from], end: m.map[to - 1] + 1 };
}

/** Just the normalised copy, for cue matching on customer text. */
export function matchForm(text: string): string {
  return toMatchText(text).text;
}
