import { z } from 'zod';
import type { StaffEvent } from '../../domain/staffEvents';
import { STAFF_EVENTS_STREAM, type PublishedStaffEvent } from '../../store/staffEventStream';
import { compareStreamIds, isStreamId, type Store } from '../../store/store';

/**
 * Catching a reconnecting console up (`/api/stream?since=<streamId>`): the staff events it missed,
 * read from the staff-events stream, or word that it must refetch because they cannot all be given.
 */

/**
 * The most events one reconnect replays. Beyond this a console is better served by refetching its
 * views (a few requests) than by a burst of events to apply one by one.
 */
export const MAX_REPLAY = 1000;

const streamIdSchema = z.string().refine(isStreamId, 'not a stream id (<ms>-<seq>)');

/** What the stream and the topic carry; `streamId` is missing only on events the stream could not keep. */
export const staffEventSchema = z.object({
  resource: z.enum(['case', 'message', 'note', 'alert', 'wechat']),
  type: z.string().min(1),
  id: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  streamId: streamIdSchema.optional(),
});

/** The upgrade's query: `since` is the last streamId the console saw. */
export const streamQuerySchema = z.object({ since: streamIdSchema.optional() });

/**
 * Why the gap cannot be filled: events after `since` have been trimmed (or the stream is not the
 * one the id came from: a store that was emptied), there are more than MAX_REPLAY of them, or the
 * store could not be read.
 */
export type ResyncReason = 'trimmed' | 'too-many' | 'unavailable';

/** The first message of a console that must refetch what it shows. */
export interface ResyncMessage {
  type: 'resync';
  reason: ResyncReason;
}

export type Replay = { events: PublishedStaffEvent[]; last: string } | { resync: ResyncReason };

/** The events after `since`, oldest first, each with its streamId; or why they cannot be replayed. */
export async function readReplay(store: Store, since: string): Promise<Replay> {
  const entries = await store.readEvents(STAFF_EVENTS_STREAM, since, MAX_REPLAY + 1);
  // Read after the entries: an oldest entry at or before `since` now means none after it had been trimmed then.
  const [oldest] = await store.readEvents(STAFF_EVENTS_STREAM, undefined, 1);
  if (!oldest || compareStreamIds(oldest.id, since) > 0) return { resync: 'trimmed' };
  if (entries.length > MAX_REPLAY) return { resync: 'too-many' };
  const events = entries.flatMap(({ id, event }) => {
    const parsed = staffEventSchema.safeParse(event);
    return parsed.success ? [{ ...parsed.data, streamId: id }] : [];
  });
  return { events, last: entries.at(-1)?.id ?? since };
}

/** Live events held during a replay, without those the replay gave (ids up to `last`). */
export function notReplayed(backlog: PublishedStaffEvent[], last: string | undefined): PublishedStaffEvent[] {
  if (last === undefined) return backlog;
  return backlog.filter((e) => e.streamId === undefined || compareStreamIds(e.streamId, last) > 0);
}

/** The event as a console may see it (visibleTo), keeping its streamId. */
export function withStreamId(event: StaffEvent, streamId: string | undefined): PublishedStaffEvent {
  return streamId === undefined ? event : { ...event, streamId };
}
