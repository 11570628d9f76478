/**
 * Slot extraction with regular expressions over the readable (half-width, simplified) text.
 * Values keep the customer's wording where it matters (masked digits stay masked) and are
 * normalised where a consumer needs a value: amounts are plain yuan figures ("80", "12.5",
 * also from 八十块). Months, dates and times stay as the customer wrote them (三月, 昨天晚上八点);
 * they live in timeExpressions.ts, the address in address.ts, indoor/outdoor in placeSetting.ts.
 */
import type { Slots } from '../src/domain/understanding';
import { findAddress } from './address';
import { normalizeText } from './normalize';
import { findPlaceSetting } from './placeSetting';
import { extractWhen } from './timeExpressions';

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
const CN_NUM = '[零〇一二两三四五六七八九十百千万]';
const ALL_NUMERALS = new RegExp(`^${CN_NUM}+$`);

/** Converts Chinese numerals (八十, 一百二十, 两百五, 3千, 1.5万) to a number; NaN if not a numeral. */
export function chineseToNumber(text: string): number {
  const t = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(t);
  if (wan) return Number(wan[1]) * 10000;
  const qian = /^(\d+(?:\.\d+)?)千$/.exec(t);
  if (qian) return Number(qian[1]) * 1000;
  if (!ALL_NUMERALS.test(t)) return NaN;
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastUnit = 1;
  for (const ch of t) {
    if (ch in DIGIT) {
      digit = DIGIT[ch];
    } else if (ch === '万') {
      section += digit >= 0 ? digit : 0;
      total += (section || 1) * 10000;
      section = 0;
      digit = -1;
      lastUnit = 10000;
    } else {
      const unit = UNIT[ch];
      section += (digit >= 0 ? digit : 1) * unit;
      digit = -1;
      lastUnit = unit;
    }
  }
  if (digit >= 0) {
    // 两百五 = 250: a trailing digit after a unit counts one unit lower
    section += lastUnit >= 100 && lastUnit < 10000 && !/[零〇]/.test(t) && t.length >= 3 ? (digit * lastUnit) / 10 : digit;
  }
  return total + section;
}

const PHONE = /(?<![\d*])(?:\+?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}[- ]?\d{4}|[*xX]{4}\d{4}|\d{2}[*xX]{4}\d{2}))(?![\d*])/;
const LANDLINE = /(?<![\d*])(0\d{2,3}-\d{7,8})(?![\d*])/;
const ID_NUMBER =
  /(?<![\dA-Za-z*])(\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|\d{1,6}[*xX]{6,14}\d{0,4}[\dXx]?)(?![\dA-Za-z*])/;
const AMOUNT_DIGITS = /(\d+(?:\.\d+)?)\s*(万|千)?\s*(?:多|几)?\s*(?:元|块钱|块|圆|rmb|人民币|大洋)/i;
const AMOUNT_SIGN = /[¥￥]\s*(\d+(?:\.\d+)?)/;
const AMOUNT_CHINESE = new RegExp(`(${CN_NUM}{1,8}(?:点[零一二三四五六七八九]+)?)\\s*(?:多|几)?\\s*(?:元|块钱|块|圆)`);
const AMOUNT_HINT =
  /(?:扣了?|收了?|多收|扣费|费用|金额|退|花了|交了|充了?|少了|多了|账单)\s*(\d+(?:\.\d+)?)(?![\d.]*\s*(?:[GMK]B?|个|条|分钟|天|次|号|月|年|日|点|%|g|m))/i;

const STAFF_ID =
  /(?:工号|员工号|员工编号|客服编号|服务编号|工牌号?)\s*(?:是|为|:|：|号|叫)?\s*([A-Za-z]{0,3}\d{2,10}|[A-Za-z0-9]*[*]{2,}[A-Za-z0-9]*)/;
const TICKET_TS = /\b(TS-\d{8}-\d{4,})\b/i;
const TICKET_NO =
  /(?:工单号|工单编号|投诉单号|投诉编号|单号|工单|流水号|受理号|受理单号|报修单号|服务单号)\s*(?:是|为|:|：)?\s*([A-Za-z]{0,4}\d[\dA-Za-z-]{3,29})/;

const BRANDS =
  '(?:iphone|苹果|华为|huawei|小米|红米|redmi|oppo|vivo|荣耀|honor|三星|samsung|一加|oneplus|魅族|meizu|realme|真我|中兴|zte|努比亚|nubia|iqoo|诺基亚|nokia|摩托罗拉|moto|联想|酷派|天语|金立|传音|坚果|索尼|sony|谷歌|pixel|黑鲨)';
const PHONE_MODEL = new RegExp(
  `(${BRANDS}\\s*(?:[a-z]+\\s?)?[a-z]{0,2}\\d{1,4}[a-z]{0,2}(?:\\s?(?:pro\\+?|max|plus|ultra|mini|se|lite|rs|青春版|至尊版|典藏版|标准版|\\+))*)`,
  'i',
);
const PHONE_BRAND_ONLY = new RegExp(`(${BRANDS})(?=\\s*(?:手机|的手机|机子|机器))`, 'i');

function cleanDigits(s: string): string {
  return s.replace(/[\s-]/g, '');
}

/** Extracts slots from a message (any script or width). */
export function extractSlots(text: string): Slots {
  return extractSlotsReadable(normalizeText(text));
}

/** extractSlots for text already through normalizeText (the recognizer's path). */
export function extractSlotsReadable(t: string): Slots {
  const slots: Slots = {};
  // Cheap guards first: most messages carry no digits and few of the trigger characters.
  const hasDigit = /\d/.test(t);
  const hasNumeral = hasDigit || /[零〇一二两三四五六七八九十百千万]/.test(t);

  if (hasDigit) {
    const ticket = TICKET_TS.exec(t);
    if (ticket) slots.ticketId = ticket[1].toUpperCase();
    else {
      const no = TICKET_NO.exec(t);
      if (no) slots.ticketId = no[1];
    }

    const phone = PHONE.exec(t);
    if (phone) slots.phone = cleanDigits(phone[1]);
    else {
      const landline = LANDLINE.exec(t);
      if (landline) slots.phone = landline[1];
    }

    const id = ID_NUMBER.exec(t);
    if (id && id[1].length >= 15 && id[1].length <= 18) slots.idNumber = id[1].toUpperCase();
  }

  if (/工号|员工|编号|工牌/.test(t)) {
    const staff = STAFF_ID.exec(t);
    if (staff) slots.staffId = staff[1];
  }

  if (hasNumeral) {
    const amountDigits = hasDigit ? AMOUNT_DIGITS.exec(t) : null;
    const amountSign = hasDigit ? AMOUNT_SIGN.exec(t) : null;
    const amountChinese = AMOUNT_CHINESE.exec(t);
    const amountHint = hasDigit ? AMOUNT_HINT.exec(t) : null;
    const amounts: Array<{ at: number; value: string }> = [];
    if (amountDigits) {
      const scale = amountDigits[2] === '万' ? 10000 : amountDigits[2] === '千' ? 1000 : 1;
      amounts.push({ at: amountDigits.index, value: String(Number(amountDigits[1]) * scale) });
    }
    if (amountSign) amounts.push({ at: amountSign.index, value: String(Number(amountSign[1])) });
    if (amountChinese) {
      const [intPart, frac] = amountChinese[1].split('点');
      const n = chineseToNumber(intPart);
      if (!Number.isNaN(n)) {
        const fracDigits = frac ? [...frac].map((c) => DIGIT[c] ?? '').join('') : '';
        amounts.push({ at: amountChinese.index, value: fracDigits ? `${n}.${fracDigits}` : String(n) });
      }
    }
    if (amounts.length === 0 && amountHint) amounts.push({ at: amountHint.index, value: String(Number(amountHint[1])) });
    if (amounts.length) slots.amount = amounts.sort((a, b) => a.at - b.at)[0].value;
  }

  // the address first: a 号 inside it (文三路88号, 3号楼) is a number, not a date
  const address = findAddress(t);
  if (address) slots.place = address.value;
  const setting = findPlaceSetting(t);
  if (setting) slots.placeSetting = setting;
  Object.assign(slots, extractWhen(t, address));

  // a model number has digits: without any, only a brand can be named
  const model = hasDigit ? PHONE_MODEL.exec(t) : null;
  if (model && !/^\d/.test(model[1])) slots.phoneModel = model[1].trim();
  else {
    const brand = PHONE_BRAND_ONLY.exec(t);
    if (brand) slots.phoneModel = brand[1];
  }

  return slots;
}
