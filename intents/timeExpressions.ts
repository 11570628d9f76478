/**
 * When it happened, over the readable text, in the customer's words: the day (昨天, 上周三,
 * 3月5号, 上个月3号, 3天前), the month (上个月, 3月份, 上个月初), the time of day (晚上八点,
 * 22:30以后) and how long it has lasted (一个多月了 → 一个多月). A 号 inside the address found
 * first (文三路88号, 3号楼) is a house or building number, never a date.
 */
import type { Slots } from '../src/domain/understanding';
import type { Span } from './address';

export type WhenSlots = Pick<Slots, 'date' | 'month' | 'time' | 'duration'>;

const CN_NUM = '[零〇一二两三四五六七八九十百千万]';
const CN_DAY = '(?:\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';
const CN_MONTH = '(?:\\d{1,2}|十[一二]?|[一二三四五六七八九])';
const MONTH_PART = '(?:初|底|末|中旬|上旬|下旬)?';

const MONTH = new RegExp(
  `((?:(?:20\\d{2}|\\d{2})\\s*年|今年|去年|前年)?\\s*${CN_MONTH}\\s*月(?:份)?${MONTH_PART})(?!\\s*${CN_DAY}\\s*(?:日|号))`,
);
const MONTH_RELATIVE = new RegExp(
  `((?:上上个?月|上个?月|这个?月|本月|当月|前两个月|前几个月|下个?月)${MONTH_PART}|(?:今年|去年|前年)(?:年初|年底|年末|上半年|下半年))`,
);
const DATE_FULL = new RegExp(`((?:(?:20\\d{2}|\\d{2})\\s*年\\s*)?${CN_MONTH}\\s*月\\s*${CN_DAY}\\s*(?:日|号))`);
/** 上个月3号: a day in a month said relatively. */
const DATE_IN_RELATIVE_MONTH = new RegExp(`((?:上上个?月|上个?月|这个?月|本月)\\s*${CN_DAY}\\s*(?:日|号))`);
const DATE_ISO = /(?<!\d)((?:20\d{2})[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01]))(?!\d)/;
const DATE_DAY = new RegExp(`(?<![\\d月])(${CN_DAY}\\s*(?:号|日))(?![\\d楼线院床房门口座栋机卡码])`, 'g');
const WEEKDAY = '[一二三四五六日天]';
const DATE_RELATIVE = new RegExp(
  [
    '大前天|前天|昨天|今天|明天|后天|今早|昨晚|昨夜|今晚',
    `上上个?(?:周|星期|礼拜)${WEEKDAY}?|[上下]个?周末|[上下]个?(?:周|星期|礼拜)${WEEKDAY}?|(?:这|本)(?:周|星期|礼拜)${WEEKDAY}|周末|(?:周|星期|礼拜)${WEEKDAY}`,
    '这几天|这两天|前几天|前两天|最近几天',
    '大年三十|除夕|春节|元旦|国庆节?|五一|中秋节?|端午节?|双十一',
  ].join('|'),
  'g',
);
/** A day ahead followed by what the customer means to do («我明天就去消协», «后天再不修…») is a plan, not when it happened. */
const FUTURE = /^(?:明天|后天|下个?(?:周|星期|礼拜|周末))/;
const PLAN_AFTER = /^\s*(?:就|要|再|会|去|得|必须|一定|还|可)/;
/** 一个多月了, 已经三天了, 快半年了: how long it has been going on. Hours and minutes are waits, not this. */
const SPAN = `(?:(?:\\d{1,2}|${CN_NUM}{1,3})(?:几|多|来)?|好几|几|半|大半)\\s*(?:来)?\\s*(?:(?:个多?|个半)?\\s*(?:天|周|星期|礼拜|年)|(?:个多?|个半)\\s*月)(?:多|半)?`;
/** 3天前, 半个月前: a point in time counted back. */
const AGO = new RegExp(`(${SPAN})(?:以前|之前|前)`);
const DURATION_AFTER = new RegExp(`(${SPAN})(?=了|以来|之久|来)`);
const DURATION_BEFORE = new RegExp(`(?:已经|都|快|有|整整|持续|连续|将近|差不多|近)(?:有|快)?(${SPAN})`);
/** «报修了一周»: a week or longer after 了 is how long it has gone on; «等了一天» is one long wait. */
const DURATION_AFTER_LE = new RegExp(
  `了((?:\\d{1,2}|${CN_NUM}{1,3}|几|好几|半|大半)\\s*(?:(?:个多?|个半)?\\s*(?:周|星期|礼拜|年)|(?:个多?|个半)\\s*月)(?:多|半)?)`,
);

const TIME_PERIOD = '(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|半夜|深夜|今早|昨晚|今晚)';
const EVERY = '(?:每天|天天|每晚)?';
const CLOCK = `(?:\\d{1,2}|十[一二]?|[一二两三四五六七八九]{1,2})\\s*(?:点|时)(?:\\s*(?:半|一刻|三刻|(?:\\d{1,2}|${CN_NUM}{1,3})\\s*分?))?(?:钟)?`;
const TIME_RANGE = `(?:\\s*(?:到|至|-|~)\\s*(?:\\d{1,2}|十[一二]?|[一二两三四五六七八九]{1,2})\\s*(?:点|时)(?:半)?)?`;
const TIME_AFTER = '(?:左右|多|以后|之后|以前|前后)?';
const TIME_WITH_PERIOD = new RegExp(`(${EVERY}${TIME_PERIOD}\\s*${CLOCK}${TIME_RANGE}${TIME_AFTER})`);
// clock times stay bare (22:30, as the slot has always read); «以后» after them is left out
const TIME_DIGITS = new RegExp(`(?<![\\d:])(${TIME_PERIOD}?\\s*(?:[01]?\\d|2[0-3]):[0-5]\\d)(?![\\d:])`);
const TIME_PLAIN = new RegExp(
  `(?<![\\d.])((?:\\d{1,2})\\s*(?:点|时)(?:\\s*(?:半|一刻|三刻|\\d{1,2}\\s*分?))?(?:钟)?${TIME_RANGE}${TIME_AFTER}|(?:十[一二]?|[一二两三四五六七八九])\\s*点(?:钟|半|多|左右|\\s*${CN_NUM}{1,3}\\s*分))`,
);
const TIME_PERIOD_ONLY = new RegExp(`(${EVERY}${TIME_PERIOD}|高峰期|上下班高峰)`);

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Whether a match at `at` lies inside the address (a house or building number there is no date). */
function inside(span: Span | undefined, at: number): boolean {
  return span !== undefined && at >= span.start && at < span.end;
}

/** The g-flag twin of each pattern, compiled once: firstOutside runs a dozen of them per message. */
const scans = new Map<RegExp, RegExp>();

function scanOf(pattern: RegExp): RegExp {
  let re = scans.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    scans.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

function firstOutside(
  pattern: RegExp,
  text: string,
  address: Span | undefined,
  keep?: (m: RegExpExecArray) => boolean,
): RegExpExecArray | null {
  const re = scanOf(pattern);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!inside(address, m.index) && (!keep || keep(m))) return m;
    if (m[0].length === 0) re.lastIndex++;
  }
  return null;
}

function findDate(t: string, hasDigit: boolean, hasNumeral: boolean, address: Span | undefined): string | undefined {
  const cands: Array<{ at: number; v: string }> = [];
  const add = (m: RegExpExecArray | null, group = 1): void => {
    if (m) cands.push({ at: m.index, v: squash(m[group] ?? m[0]) });
  };
  if (hasNumeral && t.includes('月')) {
    add(firstOutside(DATE_FULL, t, address));
    add(firstOutside(DATE_IN_RELATIVE_MONTH, t, address));
  }
  if (hasDigit) add(firstOutside(DATE_ISO, t, address));
  if (hasNumeral && /[号日]/.test(t)) {
    // a 5号 right after 工号/单号/楼 is not a date, nor a day past the 31st
    add(
      firstOutside(
        DATE_DAY,
        t,
        address,
        (m) => !/(?:工|单|楼|栋|门牌|房)\s*$/.test(t.slice(0, m.index)) && !(Number(m[1].replace(/\D/g, '')) > 31),
      ),
    );
  }
  add(
    firstOutside(
      DATE_RELATIVE,
      t,
      address,
      (m) => !PLAN_AFTER.test(t.slice(m.index + m[0].length, m.index + m[0].length + 4)) || !FUTURE.test(m[0]),
    ),
    0,
  );
  if (hasNumeral || /[几半]/.test(t)) add(firstOutside(AGO, t, address), 0);
  if (cands.length === 0) return undefined;
  // the earliest mention; at one position the longer reading (上个月3号 over 3号)
  cands.sort((a, b) => a.at - b.at || b.v.length - a.v.length);
  return cands[0].v;
}

function findMonth(t: string, hasNumeral: boolean, address: Span | undefined, date: string | undefined): string | undefined {
  if (!/[月年]/.test(t)) return undefined;
  const month = hasNumeral ? firstOutside(MONTH, t, address) : null;
  const relative = firstOutside(MONTH_RELATIVE, t, address);
  const cands = [month, relative].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index);
  if (cands.length) return squash(cands[0][1]);
  const ofDate = /^(.*?月)/.exec(date ?? '');
  return ofDate ? ofDate[1] : undefined;
}

function findTime(t: string, hasDigit: boolean, address: Span | undefined): string | undefined {
  if (!/[点时:：午晚早夜凌峰]/.test(t)) return undefined;
  const time =
    firstOutside(TIME_WITH_PERIOD, t, address) ??
    (hasDigit ? firstOutside(TIME_DIGITS, t, address) : null) ??
    firstOutside(TIME_PLAIN, t, address) ??
    firstOutside(TIME_PERIOD_ONLY, t, address);
  if (!time) return undefined;
  const v = squash(time[1]);
  // «一点» is "a little", not one o'clock
  return /^一点$/.test(v) ? undefined : v;
}

function findDuration(t: string, address: Span | undefined): string | undefined {
  const cands = [
    firstOutside(DURATION_AFTER, t, address),
    firstOutside(DURATION_BEFORE, t, address),
    firstOutside(DURATION_AFTER_LE, t, address),
  ]
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ at: m.index + m[0].indexOf(m[1]), v: squash(m[1]) }))
    // a bare number of years is a year (2023年), not a span
    .filter((c) => !/^\d{3,}年/.test(c.v))
    // «用了十年的号», «住了三十年»: how long they have been a customer or lived there, not how long the trouble lasts
    .filter(
      (c) =>
        !/(?:用|住|装|干|待)了?$/.test(t.slice(Math.max(0, c.at - 2), c.at)) &&
        !/^的?(?:号|卡|老|用户|客户)/.test(t.slice(c.at + c.v.length).replace(/^了/, '')),
    )
    .sort((a, b) => a.at - b.at);
  return cands[0]?.v;
}

/** The time slots of a readable message; `address` is the span of the address found in it. */
export function extractWhen(t: string, address?: Span): WhenSlots {
  const hasDigit = /\d/.test(t);
  const hasNumeral = hasDigit || /[零〇一二两三四五六七八九十百千万]/.test(t);
  const out: WhenSlots = {};
  const date = findDate(t, hasDigit, hasNumeral, address);
  if (date) out.date = date;
  const month = findMonth(t, hasNumeral, address, date);
  if (month) out.month = month;
  const time = findTime(t, hasDigit, address);
  if (time) out.time = time;
  const duration = hasNumeral || /[几半]/.test(t) ? findDuration(t, address) : undefined;
  if (duration && duration !== date) out.duration = duration;
  return out;
}
