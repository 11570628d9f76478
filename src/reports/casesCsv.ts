import type { Case } from '../domain/case';
import { CATEGORY_NAMES, isCategoryId } from '../domain/category';
import { zoneFormatter } from '../domain/zoneFormatter';
import { maskIdNumber, maskPhone } from '../privacy/listMask';
import { maskPersonalInfo } from '../privacy/mask';
import { csvCaseOf, type CsvCase, type CsvDetails } from './csvCase';
import { oldestFirst } from './reportSource';

/**
 * The case export (GET /api/reports/cases.csv): one row per case, for Excel. UTF-8 with a byte
 * order mark (Excel otherwise reads Chinese as GBK garbage), CRLF line ends, RFC 4180 quoting,
 * and every cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) defused
 * with a leading apostrophe (OWASP «CSV injection»).
 *
 * Personal data: masked unless `reveal` (a supervisor's audited choice, decided by the route).
 * Masked means the 客户 column shows 138****5678 / 110101********1234, and phone, ID and card
 * numbers inside the free-text columns are masked the same way.
 */

export const CSV_BOM = '\uFEFF';

export const CSV_COLUMNS = [
  '工单号',
  '类别',
  '渠道',
  '状态',
  '受理时间',
  '回复时限',
  '首次响应',
  '办结时间',
  '原因',
  '解决方案',
  '补偿',
  '满意度',
  '客户',
] as const;

const CHANNELS: Record<string, string> = { web: '网页', wechat: '微信', wecom: '企业微信客服', test: '测试' };
const STATUSES: Record<string, string> = { open: '机器人受理中', queued: '待接单', active: '处理中', resolved: '已办结' };

export interface CsvOptions {
  timeZone: string;
  /** Full phone and ID numbers; only for a supervisor's audited export. */
  reveal: boolean;
  now: Date;
}

/** One cell, quoted when needed and defused when a spreadsheet would read it as a formula. */
export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | undefined | null)[]): string {
  return cells.map(csvCell).join(',');
}

const csvTimeFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

/**
 * Offsets from UTC by zone and instant, read at quarter hours of UTC (and at the minute, in the
 * rare quarter hour holding a change): formatting every cell with Intl cost more than the rest
 * of the export's row.
 */
const zoneOffsets = new Map<string, Map<number, number>>();
const QUARTER_MS = 900_000;

function offsetAt(quarterStart: number, timeZone: string): number {
  let offsets = zoneOffsets.get(timeZone);
  if (!offsets) zoneOffsets.set(timeZone, (offsets = new Map()));
  let offset = offsets.get(quarterStart);
  if (offset === undefined) {
    const f = zoneFormatter('csvTime', timeZone, csvTimeFormat);
    const p = Object.fromEntries(f.formatToParts(new Date(quarterStart)).map((x) => [x.type, Number(x.value)]));
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - quarterStart;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(quarterStart, offset);
  }
  return offset;
}

/** "2026-11-03 09:05:00" in the operator's zone: what Excel reads as a date-time. */
export function localTime(at: string | number | undefined, timeZone: string): string {
  if (at === undefined) return '';
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return '';
  const quarter = Math.floor(ms / QUARTER_MS) * QUARTER_MS;
  let offset = offsetAt(quarter, timeZone);
  // A change inside this quarter hour (St John's changed at 00:01 local until 2011): read the
  // offset of the minute instead; zones change only at whole minutes.
  if (offsetAt(quarter + QUARTER_MS, timeZone) !== offset) offset = offsetAt(Math.floor(ms / 60_000) * 60_000, timeZone);
  const local = new Date(ms + offset).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

function customerOf(d: CsvDetails, reveal: boolean): string {
  const parts: string[] = [];
  if (d.phone) parts.push(`手机 ${reveal ? d.phone : maskPhone(d.phone)}`);
  if (d.idNumber) parts.push(`证件 ${reveal ? d.idNumber : maskIdNumber(d.idNumber)}`);
  return parts.join(' / ');
}

function satisfactionText(d: CsvDetails): string {
  if (d.satisfied === undefined) return '';
  return `${d.satisfied ? '满意' : '不满意'}${d.score !== undefined ? `（${d.score}分）` : ''}`;
}

export function caseRow(c: CsvCase, options: CsvOptions): string[] {
  const text = (value: string | undefined) => (value === undefined ? '' : options.reveal ? value : maskPersonalInfo(value));
  const d = c.details;
  // A response after the export's time has not happened yet.
  const responded = d.firstResponseAt !== undefined && d.firstResponseAt <= options.now.getTime() ? d.firstResponseAt : undefined;
  return [
    c.ticketId,
    c.category && isCategoryId(c.category) ? CATEGORY_NAMES[c.category] : (c.category ?? '未分类'),
    CHANNELS[c.channel] ?? c.channel,
    STATUSES[c.status] ?? c.status,
    localTime(c.acceptedAt, options.timeZone),
    localTime(d.responseDueAt, options.timeZone),
    localTime(responded, options.timeZone),
    localTime(d.resolvedAt, options.timeZone),
    text(d.cause),
    text(d.solution),
    text(d.compensation),
    satisfactionText(d),
    customerOf(d, options.reveal),
  ];
}

/** The whole file, BOM first, oldest case first. */
export function casesCsv(cases: readonly Case[], options: CsvOptions): string {
  const rows = [...cases].sort(oldestFirst);
  return CSV_BOM + [csvLine([...CSV_COLUMNS]), ...rows.map((c) => csvLine(caseRow(csvCaseOf(c), options)))].join('\r\n') + '\r\n';
}

/** Rows written per chunk of a streamed export: few writes, and memory bounded by the chunk. */
const ROWS_PER_CHUNK = 200;

/**
 * The same file as casesCsv, as chunks while the cases arrive (already in export order), so an
 * export of any size holds one chunk in memory.
 */
export async function* casesCsvChunks(cases: AsyncIterable<CsvCase>, options: CsvOptions): AsyncGenerator<string> {
  let chunk = CSV_BOM + csvLine([...CSV_COLUMNS]) + '\r\n';
  let rows = 0;
  for await (const c of cases) {
    chunk += csvLine(caseRow(c, options)) + '\r\n';
    if (++rows % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
