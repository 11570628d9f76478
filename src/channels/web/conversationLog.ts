import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Store } from '../../store/store';

/**
 * A web conversation's transcript as Direct Line clients see it: one append-only log in the
 * Store, shared by every instance.
 *
 * Watermarks: the store numbers entries 0, 1, 2, …; the watermark we give clients is the number
 * of entries they have received ("3" = entries 0..2 seen). That keeps it a non-empty,
 * non-negative string even for an empty log ("0"), which DirectLineJS needs.
 */

/**
 * A notice that a conversation's log grew to this watermark (0-based), with nothing else
 * trusted: an instance of an older version announces this way, and whatever arrives on pub/sub
 * as plain JSON is read as no more than this. The entry itself comes as the store's AnnouncedEntry.
 */
export interface AppendNotice {
  watermark: number;
}

export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: string;
}

export function topicFor(conversationId: string): string {
  return `directline:${conversationId}`;
}

export function isAppendNotice(message: unknown): message is AppendNotice {
  return typeof message === 'object' && message !== null && Number.isSafeInteger((message as AppendNotice).watermark);
}

export class ConversationLog {
  constructor(private readonly store: Store) {}

  /**
   * Gives the activity its id and timestamp, appends it and announces it, in one store call. A
   * subscriber passes the announced entry on only when it is the very next one for its socket,
   * and reads the log from its own watermark otherwise, so a lost or reordered pub/sub message
   * can never cause a gap, a duplicate or a reordering.
   */
  async append(
    conversationId: string,
    activity: Partial<Activity>,
  ): Promise<{ id: string; watermark: number; activity: Partial<Activity> }> {
    const id = activity.id ?? newActivityId(conversationId);
    const entry = { ...activity, id, timestamp: activity.timestamp ?? new Date() } as Partial<Activity>;
    const watermark = await this.store.appendAndAnnounce(conversationId, JSON.parse(JSON.stringify(entry)), topicFor(conversationId));
    return { id, watermark, activity: entry };
  }

  /** Activities after a client watermark (number of entries already received). */
  async read(conversationId: string, clientWatermark: number): Promise<ActivitySet> {
    const entries = await this.store.readActivities(conversationId, clientWatermark - 1);
    const last = entries.length ? entries[entries.length - 1].watermark + 1 : clientWatermark;
    return {
      activities: entries.map((e) => e.activity as Partial<Activity>),
      watermark: String(last),
    };
  }
}

/**
 * Direct Line style ids (`<conversation>|<suffix>`), unique without a round-trip to the store.
 * The suffix is 16 hex digits of a random UUID: Node draws those from a cached pool of
 * randomness, where randomBytes asks the system for every id.
 */
export function newActivityId(conversationId: string): string {
  return `${conversationId}|${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}
