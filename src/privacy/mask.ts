/**
 * Masking of personal information (PIPL): phone numbers, ID numbers and bank-card-like digit
 * runs. Used for logs and for staff lists; unmasked values are shown only on explicit reveal.
 */
const ID_NUMBER = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LONG_DIGITS = /(?<!\d)(\d{4})\d{8,11}(\d{4})(?!\d)/g;

export function maskPersonalInfo(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(LONG_DIGITS, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`);
}
