import { z } from 'zod';

/**
 * Request shapes of our Direct Line subset. Object schemas strip keys they do not name, so
 * whatever a client adds never reaches the log, the bot or the agents' screens.
 */

/** Activity types a customer's client may post; anything else is refused with 400. */
export const USER_ACTIVITY_TYPES = ['message', 'event', 'typing'] as const;

/** Absolute ceiling for one message's text, whatever MAX_MESSAGE_CHARS says (the bot asks to shorten above that). */
export const HARD_TEXT_CHARS = 20_000;

/** Room for the rest of an activity (channelData, entities, …) on top of the text. */
export const ACTIVITY_OVERHEAD_CHARS = 16_384;

/**
 * The customer id is the server's to give (customerIdentity.ts): a client that names one is
 * told so rather than silently handed another, so a page that still sends it knows to stop.
 */
export const generateTokenBody = z.object({
  user: z
    .object({
      id: z.undefined({ error: 'the customer id is assigned by the server and cannot be chosen; send no user id' }).optional(),
      name: z.string().max(64).optional(),
    })
    .optional(),
});

/** DirectLineJS sends `{user: {id}, locale}` here; the token already says who the user is. */
export const startConversationBody = z.object({
  user: z.object({ id: z.string().optional(), name: z.string().max(64).optional() }).optional(),
  locale: z.string().max(35).optional(),
});

const account = z.object({
  id: z.string().max(128).optional(),
  name: z.string().max(128).optional(),
  role: z.string().max(32).optional(),
});

/** Customers may only attach links to resources on the web, never script or data URLs. */
const webUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\//i, 'must be an http(s) URL');

const attachment = z.object({
  contentType: z.string().min(1).max(255),
  contentUrl: webUrl.optional(),
  content: z.unknown().optional(),
  name: z.string().max(255).optional(),
  thumbnailUrl: webUrl.optional(),
});

export function userActivitySchema(maxTextChars: number) {
  return z
    .object({
      type: z.enum(USER_ACTIVITY_TYPES, {
        error: (issue) =>
          issue.input === undefined ? 'activity type is required' : `activity type must be one of ${USER_ACTIVITY_TYPES.join(', ')}`,
      }),
      from: account.optional(),
      text: z.string().max(maxTextChars, `text longer than ${maxTextChars} characters`).optional(),
      textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
      locale: z.string().max(35).optional(),
      localTimestamp: z.string().max(64).optional(),
      localTimezone: z.string().max(64).optional(),
      attachments: z.array(attachment).max(10).optional(),
      entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
      channelData: z.record(z.string(), z.unknown()).optional(),
      name: z.string().max(128).optional(),
      value: z.unknown().optional(),
      replyToId: z.string().max(256).optional(),
    })
    .refine((a) => a.type !== 'message' || !!a.text || (a.attachments?.length ?? 0) > 0 || a.value !== undefined, {
      message: 'a message needs text, attachments or a value',
      path: ['text'],
    })
    .refine((a) => a.type !== 'event' || !!a.name, { message: 'an event needs a name', path: ['name'] });
}

export type UserActivityInput = z.infer<ReturnType<typeof userActivitySchema>>;

/**
 * `?watermark=`: DirectLineJS sends an empty value before it has one; anything else must be
 * one of our own watermarks (a count of received activities).
 */
export const watermarkQuery = z
  .union([z.undefined(), z.literal(''), z.literal('undefined'), z.literal('null'), z.string().regex(/^\d{1,12}$/)], {
    error: 'watermark must be a non-negative integer',
  })
  .transform((w) => (w && /^\d+$/.test(w) ? Number(w) : 0));
