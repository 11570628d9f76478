import type { Logger } from '../logging/logger';
import type { Store } from './store';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../domain/staffEvents';

/** The store stream every staff event is appended to, for consoles catching up after a reconnect. */
export const STAFF_EVENTS_STREAM = 'staff-events';

/**
 * How many staff events the stream keeps. A busy desk publishes a few thousand an hour, so this
 * covers a console away for a lunch break or a network drop; one away longer refetches anyway
 * (the resync message), and the stream stays a few megabytes in Redis.
 */
export const STAFF_EVENTS_KEPT = 10_000;

/** What goes on STAFF_EVENTS_TOPIC: the event, with the stream id it was given when the append worked. */
export type PublishedStaffEvent = StaffEvent & { streamId?: string };

/**
 * Publishes a staff event: appends it to the staff-events stream, then publishes it live with
 * its stream id. The stream only helps reconnecting consoles catch up, so a failed append is
 * logged and the event still goes out live, without an id; the staff action that caused it
 * never fails because of the stream. A failed live publish rejects, as store.publish does.
 */
export async function publishStaffEvent(store: Store, event: StaffEvent, logger: Logger): Promise<PublishedStaffEvent> {
  let published: PublishedStaffEvent = event;
  try {
    published = { ...event, streamId: await store.appendEvent(STAFF_EVENTS_STREAM, event, STAFF_EVENTS_KEPT) };
  } catch (err) {
    logger.warn(
      { err, resource: event.resource, type: event.type, id: event.id },
      'staff events: could not append to the stream; published live only',
    );
  }
  await store.publish(STAFF_EVENTS_TOPIC, published);
  return published;
}
