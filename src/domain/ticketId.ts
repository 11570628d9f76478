import { dayKey } from './calendar';

/** Human-friendly ticket ids such as TS-20261121-0042: the day (local time of the desk) and a per-day sequence. */
export const TICKET_ID_PATTERN = /^TS-\d{8}-\d{4,}$/;

export function ticketDay(at: Date, timeZone = 'Asia/Shanghai'): string {
  const day = dayKey(at, timeZone);
  if (day === undefined) throw new RangeError('a ticket needs a readable acceptance time');
  return day.replace(/-/g, '');
}

export function formatTicketId(day: string, sequence: number): string {
  return `TS-${day}-${String(sequence).padStart(4, '0')}`;
}
