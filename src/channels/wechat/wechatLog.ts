import { z } from 'zod';
import type { LoggedActivity } from '../../store/store';
import { matchingEntries } from '../inbox/logEntries';
import { inboundMessageSchema, type InboundMessage } from './inboundMessage';

/**
 * A WeChat conversation's durable log in the store: what the customer sent (before the bot
 * runs) and what is to be sent back (before anything is handed to WeChat). The inbox
 * (ConversationInbox) answers the customer's entries; the outbox (WechatOutbox) sends the
 * outbound ones. Entries are shaped like activities (`from.role`, `replyToId`) so the inbox's
 * "already answered?" check reads them as it reads the web chat's log.
 */

/** Kept apart from the web chat's logs (those are keyed by Direct Line conversation id). */
export function wechatLogId(conversationId: string): string {
  return `wechat-log:${conversationId}`;
}

export interface InboundEntry {
  type: 'message';
  /** The WeChat message id: the bot's replies name it as replyToId. */
  id: string;
  from: { id: string; role: 'user' };
  inbound: InboundMessage;
}

export interface OutboundEntry {
  type: 'outbound';
  text: string;
  /** The customer message this answers; absent for an agent's message or a notice. */
  replyToId?: string;
  at: string;
}

export function inboundEntry(message: InboundMessage): InboundEntry {
  return { type: 'message', id: message.messageId, from: { id: message.talkerId, role: 'user' }, inbound: message };
}

export function outboundEntry(text: string, replyToId: string | undefined): OutboundEntry {
  return { type: 'outbound', text, ...(replyToId ? { replyToId } : {}), at: new Date().toISOString() };
}

const inboundEntrySchema = z.object({ type: z.literal('message'), inbound: inboundMessageSchema });
const outboundEntrySchema = z.object({ type: z.literal('outbound'), text: z.string().min(1), replyToId: z.string().optional() });

/** The customer's message in a stored entry, checked: the store is outside this process. */
export function readInbound(activity: Record<string, unknown>): InboundMessage | undefined {
  const parsed = inboundEntrySchema.safeParse(activity);
  return parsed.success ? parsed.data.inbound : undefined;
}

/** The outbound entries of a log read, in order, with their watermarks. */
export function outboundOf(entries: LoggedActivity[]): { watermark: number; text: string }[] {
  return matchingEntries(entries, outboundEntrySchema).map(({ watermark, entry }) => ({ watermark, text: entry.text }));
}
