import { zoneFormatter } from './zoneFormatter';

const deskTimeFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Times as customers and staff read them at the desk, e.g. 「11月21日 21:05」, whatever the server's own zone. */
export function formatDeskTime(iso: string, timeZone: string): string {
  const parts = zoneFormatter('deskTime', timeZone, deskTimeFormat).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(get('month'))}月${Number(get('day'))}日 ${get('hour')}:${get('minute')}`;
}

/** A deadline: 「11月21日 21:05 前」. */
export function formatDeadline(iso: string, timeZone: string): string {
  return `${formatDeskTime(iso, timeZone)} 前`;
}
