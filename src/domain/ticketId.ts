/** Human-friendly ticket ids such as TS-20261121-0042: the day (local time of the desk) and a per-day sequence. */
export const TICKET_ID_PATTERN = /^TS-\d{8}-\d{4,}$/;

export function ticketDay(at: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

export function formatTicketId(day: string, sequence: number): string {
  return `TS-${day}-${String(sequence).padStart(4, '0')}`;
}
