/**
 * Masking of personal information (PIPL): phone numbers, ID numbers and bank-card-like digit
 * runs. Used for logs, staff lists, events and exports; unmasked values are shown only on an
 * explicit, audited reveal.
 *
 * Customers write numbers in many ways — full-width digits, spaces or dashes between groups, a
 * +86 / 0086 prefix — so the patterns allow those; a number the bot understands must never slip
 * past the mask because of how it was typed.
 */
const SEP = '[\\s\\-\\u00a0]?';
const ID_NUMBER = new RegExp(`(?<![\\dXx])(\\d{6})${SEP}(\\d{4})${SEP}(\\d{4})${SEP}(\\d{3}[\\dXx])(?![\\dXx])`, 'g');
const MOBILE = new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP})?(1[3-9]\\d)${SEP}(\\d{4})${SEP}(\\d{4})(?!\\d)`, 'g');
const LONG_DIGITS = new RegExp(`(?<!\\d)(\\d{4})(?:${SEP}\\d){8,11}?${SEP}(\\d{4})(?!\\d)`, 'g');

/** Full-width digits, plus signs and letters X become ASCII so one set of patterns sees them. */
function halfWidthDigits(text: string): string {
  return text.replace(/[\uff10-\uff19\uff0b\uff38\uff58]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

export function maskPersonalInfo(text: string): string {
  return halfWidthDigits(text)
    .replace(ID_NUMBER, (_m, head: string, _a: string, _b: string, tail: string) => `${head}********${tail}`)
    .replace(MOBILE, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`)
    .replace(LONG_DIGITS, (_m, head: string, tail: string) => `${head}****${tail}`);
}
