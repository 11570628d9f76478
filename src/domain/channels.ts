import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The customer channels a desk runs, registered by the composition root (src/index.ts) and read by
 * the bot, the dialogs, the case API and the staff pages: a channel is described here once, so
 * adding one is a folder of its own plus its registration, never an edit of the code that reads it.
 */

/** A channel's id as cases, reports and URLs carry it: short, lower-case, and stable for years of archive. */
export const channelIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a channel id is 1-32 lower-case letters, digits or dashes, starting with a letter');
export type ChannelId = string;

export const channelCapabilitiesSchema = z.object({
  /** Shows Adaptive Cards and suggested actions; otherwise they are written out as text (src/channels/text). */
  cards: z.boolean(),
  /** Shows a menu the customer taps to choose (WeCom's msgmenu). */
  menus: z.boolean(),
  /** Customers can send pictures and files, kept on the case as references staff can open. */
  attachments: z.boolean(),
  /** The customer sees an indicator while the agent types. */
  typing: z.boolean(),
  /** The channel lets us send at most `messages` within `hours` after the customer's last message. */
  sendBudget: z.object({ messages: z.number().int().positive(), hours: z.number().positive() }).optional(),
});
export type ChannelCapabilities = z.infer<typeof channelCapabilitiesSchema>;

export const channelDescriptorSchema = z.object({
  id: channelIdSchema,
  /** What staff screens call it (渠道). */
  label: z.string().trim().min(1).max(20),
  capabilities: channelCapabilitiesSchema,
  /** Bot Framework channel ids the channel's adapter stamps on activities, when not its own id (Direct Line's `directline`). */
  activityChannelIds: z.array(z.string().min(1).max(64)).optional(),
  /** Where its customers' attachments come from: the prefix of the references its adapter stores on cases. */
  attachmentPrefix: z.string().min(2).max(40).optional(),
});
export type ChannelDescriptor = z.infer<typeof channelDescriptorSchema>;

/** How a message reaches a customer on their channel outside a bot turn (an agent's reply, a notice). */
export interface ChannelDelivery {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<unknown>;
}

/** The part of a customer's file that is handed to staff (a wechaty FileBox has it). */
export interface AttachmentFile {
  readonly name: string;
  readonly mediaType?: string;
  readonly size?: number;
  toStream(): Promise<NodeJS.ReadableStream>;
}

/**
 * A customer's media loaded for staff: a file (stream it once), the URL of a link message, or why
 * it cannot be loaded here (503: not on this instance or not connected; 404: not this channel's
 * reference; 502: the channel would not give it, e.g. expired).
 */
export type FetchedAttachment =
  { ok: true; file: AttachmentFile } | { ok: true; url: string } | { ok: false; status: 404 | 502 | 503; reason: string };

export interface AttachmentFetcher {
  fetchAttachment(ref: string, kind?: string): Promise<FetchedAttachment>;
}

/** What a running channel lends the desk: the way to its customers and, if it keeps media, to their files. */
export interface ChannelConnection {
  delivery: ChannelDelivery;
  attachments?: AttachmentFetcher;
}

export class NoDeliveryError extends Error {
  constructor(readonly channel: ChannelId) {
    super(`no way to reach customers on the ${channel} channel from this instance`);
  }
}

/**
 * Where an attachment stored on a case can be opened: through the channel whose prefix its
 * reference carries, as a plain http(s) URL, or not at all (a file name only).
 */
export type AttachmentSource = { type: 'channel'; channel: ChannelId } | { type: 'url'; url: string } | { type: 'none' };

const HTTP_URL = /^https?:\/\/\S+$/i;

/** The substitute case channel of an activity no adapter claims: never a channel's id. */
export const UNKNOWN_CHANNEL = 'unknown';

/** Set by the bot core at the start of each turn: the case channel of the activity (see caseChannel). */
export const CASE_CHANNEL_TURN_KEY = Symbol('complaintDesk.caseChannel');

export class ChannelRegistry {
  private readonly descriptors = new Map<ChannelId, ChannelDescriptor>();
  private readonly byActivityId = new Map<string, ChannelId>();
  private readonly connections = new Map<ChannelId, ChannelConnection>();

  /** Adds a channel's description; a second channel with the same id or activity id is a wiring mistake. */
  describe(descriptor: ChannelDescriptor): void {
    const d = channelDescriptorSchema.parse(descriptor);
    for (const activityId of [d.id, ...(d.activityChannelIds ?? [])]) {
      const taken = this.byActivityId.get(activityId);
      if (taken) throw new Error(`channel ${d.id}: activity channel id ${activityId} already belongs to ${taken}`);
    }
    if (this.descriptors.has(d.id)) throw new Error(`channel ${d.id} is registered twice`);
    this.descriptors.set(d.id, d);
    for (const activityId of [d.id, ...(d.activityChannelIds ?? [])]) this.byActivityId.set(activityId, d.id);
  }

  /** A described channel is running on this instance; returns the call that takes it away again. */
  connect(id: ChannelId, connection: ChannelConnection): () => void {
    if (!this.descriptors.has(id)) throw new Error(`channel ${id} is connected but was never described`);
    this.connections.set(id, connection);
    return () => {
      if (this.connections.get(id) === connection) this.connections.delete(id);
    };
  }

  list(): ChannelDescriptor[] {
    return [...this.descriptors.values()];
  }

  get(id: ChannelId): ChannelDescriptor | undefined {
    return this.descriptors.get(id);
  }

  has(id: ChannelId): boolean {
    return this.descriptors.has(id);
  }

  capabilities(id: ChannelId): ChannelCapabilities | undefined {
    return this.descriptors.get(id)?.capabilities;
  }

  isConnected(id: ChannelId): boolean {
    return this.connections.has(id);
  }

  /**
   * The case channel of an activity's Bot Framework channel id. An id no channel claims (an
   * adapter nobody registered) keeps its own spelling when it is a valid channel id, so its cases
   * stay apart from every real channel's; they have no delivery until that channel is registered.
   */
  caseChannel(activityChannelId: string | undefined): ChannelId {
    const id = activityChannelId ?? '';
    return this.byActivityId.get(id) ?? (channelIdSchema.safeParse(id).success ? id : UNKNOWN_CHANNEL);
  }

  async send(channel: ChannelId, conversationId: string, activity: Partial<Activity>): Promise<void> {
    const connection = this.connections.get(channel);
    if (!connection) throw new NoDeliveryError(channel);
    await connection.delivery.sendToConversation(conversationId, activity);
  }

  attachmentSource(ref: string): AttachmentSource {
    for (const d of this.descriptors.values()) {
      if (d.attachmentPrefix && ref.startsWith(d.attachmentPrefix)) {
        return ref.length > d.attachmentPrefix.length ? { type: 'channel', channel: d.id } : { type: 'none' };
      }
    }
    if (HTTP_URL.test(ref)) {
      try {
        const url = new URL(ref);
        if (url.protocol === 'http:' || url.protocol === 'https:') return { type: 'url', url: url.href };
      } catch {
        /* not a URL after all */
      }
    }
    return { type: 'none' };
  }

  /** Loads a channel's attachment; 503 when that channel is not running on this instance. */
  async fetchAttachment(channel: ChannelId, ref: string, kind?: string): Promise<FetchedAttachment> {
    const fetcher = this.connections.get(channel)?.attachments;
    if (!fetcher) return { ok: false, status: 503, reason: `${this.get(channel)?.label ?? channel} is not available on this instance` };
    return fetcher.fetchAttachment(ref, kind);
  }
}
