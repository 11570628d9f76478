import { z } from 'zod';
import type { LoggedActivity } from '../../store/store';
import { matchingEntries } from '../inbox/logEntries';

/**
 * A WeCom conversation's durable log in the store, like WeChat's: the customer's messages
 * (before the bot runs) and what is to go back (before WeCom is called), each a stored entry.
 * One conversation per customer (external_userid) of the configured customer-service account.
 */

export const CHANNEL_ID = 'wecom';
const PREFIX = 'wecom:';

export function wecomConversationId(externalUserId: string): string {
  return PREFIX + externalUserId;
}

/** The customer a WeCom conversation id names, or undefined when it is not one. */
export function externalUserOf(conversationId: string | undefined): string | undefined {
  if (!conversationId?.startsWith(PREFIX) || conversationId.length === PREFIX.length) return undefined;
  return conversationId.slice(PREFIX.length);
}

/** contentUrl of a customer's media: the media_id media/get loads (WeCom keeps it three days). */
export const WECOM_MEDIA_PREFIX = 'wecom-media:';

export function wecomLogId(conversationId: string): string {
  return `wecom-log:${conversationId}`;
}

export const INBOUND_KINDS = [
  'text',
  'image',
  'voice',
  'video',
  'file',
  'location',
  'link',
  'business_card',
  'miniprogram',
  'other',
] as const;

export const wecomInboundSchema = z.object({
  msgid: z.string().min(1),
  externalUserId: z.string().min(1),
  /** When the customer sent it (ms). */
  sentAt: z.number(),
  kind: z.enum(INBOUND_KINDS),
  text: z.string().optional(),
  /** A click on a msgmenu item: the item's id. */
  menuId: z.string().optional(),
  mediaId: z.string().optional(),
  name: z.string().optional(),
});
export type WecomInbound = z.infer<typeof wecomInboundSchema>;

export interface MenuItem {
  id: string;
  content: string;
}

/** What goes out: a text, a text with click items (msgmenu), or a change of service_state. */
export const outboundBodySchema = z.union([
  z.object({ text: z.string().min(1), menu: z.array(z.object({ id: z.string().min(1), content: z.string().min(1) })).optional() }),
  z.object({ serviceState: z.number().int().min(0).max(4) }),
]);
export type OutboundBody = z.infer<typeof outboundBodySchema>;

export function inboundEntry(message: WecomInbound) {
  return { type: 'message', id: message.msgid, from: { id: message.externalUserId, role: 'user' }, inbound: message };
}

export function outboundEntry(body: OutboundBody, replyToId?: string) {
  return { type: 'outbound', body, ...(replyToId ? { replyToId } : {}), at: new Date().toISOString() };
}

const inboundEntrySchema = z.object({ type: z.literal('message'), inbound: wecomInboundSchema });
const outboundEntrySchema = z.object({ type: z.literal('outbound'), body: outboundBodySchema });

export function readInbound(activity: Record<string, unknown>): WecomInbound | undefined {
  const parsed = inboundEntrySchema.safeParse(activity);
  return parsed.success ? parsed.data.inbound : undefined;
}

export function outboundOf(entries: LoggedActivity[]): { watermark: number; body: OutboundBody }[] {
  return matchingEntries(entries, outboundEntrySchema).map(({ watermark, entry }) => ({ watermark, body: entry.body }));
}
