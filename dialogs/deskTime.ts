import { formatDeskTime } from '../src/domain/deskTime';

export { formatDeskTime };

/** A deadline: 「11月21日 21:05 前」. */
export function formatDeadline(iso: string, timeZone: string): string {
  return `${formatDeskTime(iso, timeZone)} 前`;
}
