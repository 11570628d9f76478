/**
 * Calendar days in a time zone, as YYYY-MM-DD strings (they sort and compare as text). The
 * operator counts by Asia/Shanghai days: a case accepted at 23:30 on the 1st in Beijing is the
 * 1st's, though it is 15:30 UTC.
 */

import { zoneFormatter } from './zoneFormatter';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayFormat = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (YYYY-MM-DD in `timeZone`) of an instant; undefined for an unreadable timestamp. */
export function dayKey(at: string | Date | number, timeZone: string): string | undefined {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return undefined;
  const parts = zoneFormatter('day', timeZone, dayFormat).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** True for a real calendar day written YYYY-MM-DD (no 02-30). */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function utcOf(day: string): number {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(day: string, n: number): string {
  return new Date(utcOf(day) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / 86_400_000);
}

/** The Monday that starts the ISO week of `day`: the week's label. */
export function weekKey(day: string): string {
  const weekday = new Date(utcOf(day)).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, -((weekday + 6) % 7));
}
