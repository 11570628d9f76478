import type { Slots } from '../domain/understanding';
import { maskPersonalInfo } from './mask';

/**
 * Masking for staff lists and overviews (PIPL: shown only where the case needs it). Lists show
 * these masked forms; the full value is shown only through an explicit, audited reveal.
 * Free text goes through maskForList, structured values through the field helpers.
 */

export const MASKED_AMOUNT = '**元';

/** "13812345678" → "138****5678"; other numbers keep only their last 4 digits. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(7)}`;
  if (national.length <= 4) return '****';
  return `${'*'.repeat(national.length - 4)}${national.slice(-4)}`;
}

/** 18-character resident ID: region code and last 4 stay, the birth date goes (as in logs). */
export function maskIdNumber(value: string): string {
  const id = value.replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length <= 4) return '****';
  return `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;
}

/** Any amount, whatever its form ("80", "12.5元", 80): the figure is hidden entirely. */
export function maskAmount(_value: string | number): string {
  return MASKED_AMOUNT;
}

const CN_NUM = '[零〇一二两三四五六七八九十百千万]';
const UNIT = '(?:元|块钱|块|圆|rmb|人民币)';
const AMOUNT_PATTERNS: RegExp[] = [
  // 58元, 58.5 块钱, 1.2万元, 三十多块
  new RegExp(`(?<![\\d.])\\d+(?:\\.\\d+)?\\s*(?:万|千)?\\s*(?:多|几)?\\s*${UNIT}`, 'gi'),
  new RegExp(`${CN_NUM}{1,8}(?:点[零一二三四五六七八九]+)?\\s*(?:多|几)?\\s*(?:元|块钱|块|圆)`, 'g'),
  // ¥58, ￥ 58.00
  /[¥￥]\s*\d+(?:\.\d+)?/g,
];
/** «扣了58», «多收 30»: a figure right after a money word, unless it is data, minutes, dates… */
const AMOUNT_AFTER_HINT =
  /(扣了?|收了?|多收|扣费|费用|金额|退了?|花了|交了|充了?|账单)(\s*)(\d+(?:\.\d+)?)(?![\d.]*\s*(?:[GMK]B?|个|条|分钟|天|次|号|月|年|日|点|%|g|m))/gi;

/** Masks amounts of money in free text. */
export function maskAmountsInText(text: string): string {
  let out = text;
  for (const pattern of AMOUNT_PATTERNS) out = out.replace(pattern, MASKED_AMOUNT);
  return out.replace(AMOUNT_AFTER_HINT, (_m, hint: string, space: string) => `${hint}${space}${MASKED_AMOUNT}`);
}

/** Phone, ID and card numbers and amounts masked: what a list row may show of a customer's words. */
export function maskForList(text: string): string {
  // ID and card numbers first: an amount pattern must not eat the digits of a longer number.
  return maskAmountsInText(maskPersonalInfo(text));
}

/** The extracted slots as a list may show them. */
export function maskSlots(slots: Slots): Slots {
  const out: Slots = {};
  for (const [name, value] of Object.entries(slots) as Array<[keyof Slots, string | undefined]>) {
    if (value === undefined) continue;
    if (name === 'phone') out.phone = maskPhone(value);
    else if (name === 'idNumber') out.idNumber = maskIdNumber(value);
    else if (name === 'amount') out.amount = maskAmount(value);
    else out[name] = maskForList(value);
  }
  return out;
}
