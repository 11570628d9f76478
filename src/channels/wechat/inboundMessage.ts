import { z } from 'zod';
import { CONTACT_TYPE_OFFICIAL, MESSAGE_TYPE, type MessageLike } from './wechatyTypes';

/**
 * Reads one wechaty message into a plain, validated record, or says why it is ignored.
 * Puppets differ in what they fill in and some messages are half-formed (system notices,
 * recalled messages, payloads a puppet could not load), so every accessor runs inside one
 * try/catch and the result goes through a schema: a strange message is dropped with a log
 * line, never thrown into the event loop.
 */

export type InboundKind = 'text' | 'image' | 'voice' | 'video' | 'file' | 'sticker' | 'link' | 'other';

/** What each wechaty message type becomes; types missing here are not for the bot (notices, recalls). */
const KIND_OF_TYPE: Record<number, InboundKind> = {
  [MESSAGE_TYPE.Text]: 'text',
  [MESSAGE_TYPE.Image]: 'image',
  [MESSAGE_TYPE.Audio]: 'voice',
  [MESSAGE_TYPE.Video]: 'video',
  [MESSAGE_TYPE.Attachment]: 'file',
  [MESSAGE_TYPE.Emoticon]: 'sticker',
  [MESSAGE_TYPE.Url]: 'link',
  [MESSAGE_TYPE.MiniProgram]: 'link',
  // Things the bot cannot read but an agent may want to look at: kept as a reference.
  [MESSAGE_TYPE.ChatHistory]: 'other',
  [MESSAGE_TYPE.Contact]: 'other',
  [MESSAGE_TYPE.Location]: 'other',
  [MESSAGE_TYPE.Post]: 'other',
  [MESSAGE_TYPE.Transfer]: 'other',
  [MESSAGE_TYPE.RedEnvelope]: 'other',
};

export const inboundMessageSchema = z.object({
  messageId: z.string().min(1).max(512),
  kind: z.enum(['text', 'image', 'voice', 'video', 'file', 'sticker', 'link', 'other']),
  /** The customer's words; '' for anything that is not text. */
  text: z.string(),
  /** True when the text was cut to the channel's maximum. */
  truncated: z.boolean(),
  talkerId: z.string().min(1).max(512),
  talkerName: z.string().max(512),
  roomId: z.string().min(1).max(512).optional(),
  fileName: z.string().max(1024).optional(),
  timestamp: z.number().finite(),
});

export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export type IgnoreReason =
  'self' | 'group-disabled' | 'group-not-mentioned' | 'official-account' | 'unsupported-type' | 'empty' | 'invalid';

export type InboundRead = { accepted: true; message: InboundMessage } | { accepted: false; reason: IgnoreReason; detail?: string };

export interface InboundReadOptions {
  /** Group chats are served only when enabled and only when the bot is @-mentioned. */
  groups: boolean;
  /** Longer texts are cut (and flagged) rather than refused: WeChat cannot show an error. */
  maxChars: number;
}

export async function readInboundMessage(msg: MessageLike, options: InboundReadOptions): Promise<InboundRead> {
  try {
    // The bot's own replies come back as messages, as do messages typed on the phone itself.
    if (msg.self()) return ignore('self');
    const room = msg.room();
    // Checked before anything that asks the puppet, so disabled groups cost nothing.
    if (room && !options.groups) return ignore('group-disabled');
    const kind = KIND_OF_TYPE[msg.type()];
    if (!kind) return ignore('unsupported-type', String(msg.type()));
    const talker = msg.talker();
    // Official accounts push news; answering them is noise (and two bots could loop).
    if (talker.type() === CONTACT_TYPE_OFFICIAL) return ignore('official-account');
    if (room && !(await msg.mentionSelf())) return ignore('group-not-mentioned');

    let text = '';
    if (kind === 'text') {
      // In a group the @-mention itself is not part of what the customer says.
      text = (room ? await msg.mentionText() : msg.text()) ?? '';
      text = text.trim();
      if (!text) return ignore('empty');
    }
    const chars = Array.from(text);
    const truncated = chars.length > options.maxChars;
    if (truncated) text = chars.slice(0, options.maxChars).join('');

    const parsed = inboundMessageSchema.safeParse({
      messageId: msg.id,
      kind,
      text,
      truncated,
      talkerId: talker.id,
      talkerName: talker.name() ?? '',
      roomId: room?.id,
      fileName: msg.payload?.filename || undefined,
      timestamp: timestampOf(msg),
    });
    if (!parsed.success) return ignore('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return { accepted: true, message: parsed.data };
  } catch (err) {
    return ignore('invalid', err instanceof Error ? err.message : String(err));
  }
}

/** Some puppets leave the timestamp out; a missing time must not cost the customer their message. */
function timestampOf(msg: MessageLike): number {
  try {
    const t = msg.date().getTime();
    return Number.isFinite(t) ? t : Date.now();
  } catch {
    return Date.now();
  }
}

function ignore(reason: IgnoreReason, detail?: string): InboundRead {
  return { accepted: false, reason, detail };
}
