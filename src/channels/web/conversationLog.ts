import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';

/**
 * A web conversation's transcript as Direct Line clients see it: one append-only log in the
 * Store, shared by every instance.
 *
 * Watermarks: the store numbers entries 0, 1, 2, …; the watermark we give clients is the number
 * of entries they have received ("3" = entries 0..2 seen). That keeps it a non-empty,
 * non-negative string even for an empty log ("0"), which DirectLineJS needs.
 */

/** What every instance publishes after an append; sockets then pull from the log. */
export interface AppendNotice {
  /** Store watermark (0-based) of the entry just appended. */
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
  return typeof message === 'object' && message !== null && typeof (message as AppendNotice).watermark === 'number';
}

export class ConversationLog {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /**
   * Gives the activity its id and timestamp, appends it and announces it. The announcement
   * carries no payload on purpose: subscribers read the log from their own watermark, so a
   * lost or reordered pub/sub message can never cause a gap, a duplicate or a reordering.
   */
  async append(
    conversationId: string,
    activity: Partial<Activity>,
  ): Promise<{ id: string; watermark: number; activity: Partial<Activity> }> {
    const id = activity.id ?? newActivityId(conversationId);
    const entry = { ...activity, id, timestamp: activity.timestamp ?? new Date() } as Partial<Activity>;
    const watermark = await this.store.appendActivity(conversationId, JSON.parse(JSON.stringify(entry)));
    try {
      await this.store.publish(topicFor(conversationId), { watermark } satisfies AppendNotice);
    } catch (err) {
      // The activity is safely in the log; open sockets get it with the next notice and
      // pollers and reconnecting clients read it anyway.
      this.logger.warn({ err, conversationId }, 'web channel: could not announce a new activity');
    }
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
