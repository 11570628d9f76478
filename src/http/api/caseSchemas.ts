import { z } from 'zod';
import { usernameSchema } from '../../domain/staffAccounts';
import { REVEALABLE_FIELDS } from '../../cases/caseMasking';
import { CATEGORY_IDS } from '../../domain/category';
import { channelIdSchema, UNKNOWN_CHANNEL, type ChannelRegistry } from '../../domain/channels';
import { HttpError } from '../httpError';
import { day } from './daySchema';

/**
 * A channel filter names a channel of this desk (or the stand-in for an id no adapter claims).
 * Checked after zod: which channels exist is known only once the composition root filled the registry.
 */
export function checkChannelFilter(channels: Pick<ChannelRegistry, 'has'>, channel: string | undefined): void {
  if (channel && channel !== UNKNOWN_CHANNEL && !channels.has(channel)) {
    throw new HttpError(400, 'BadRequest', `query.channel: no channel ${channel} on this desk`);
  }
}

/** Request shapes of the case API, checked in one place (routes call validate()). */

/** Case ids are UUIDs; older test data uses short ids, so any plain id-like token is accepted. */
const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a case id (letters, digits, "-" or "_")');
export const caseIdParams = z.object({ id: caseId });

/** A case and one of the same customer's other cases (GET /api/cases/{id}/history/{earlierId}). */
export const earlierCaseParams = z.object({ id: caseId, earlierId: caseId });

/** An attachment's position on the case (0 = the first the customer sent); anything else is a 404. */
export const attachmentParams = z.object({
  index: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number),
});

/** Most cases one page of the list carries; without `limit` a page holds this many. */
export const CASE_PAGE_MAX = 500;

export const caseListQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('a ticket number, a phone number (any spelling; found through the keyed index), or words of the masked preview'),
    status: z.enum(['open', 'queued', 'active', 'resolved']).optional(),
    category: z.enum(CATEGORY_IDS).optional(),
    channel: channelIdSchema.optional().describe('a channel id (GET /api/channels lists the registered ones)'),
    owner: usernameSchema.optional().describe('user name of the agent holding the case'),
    escalated: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional()
      .describe('true: only cases at risk of escalation (升级风险); false: only the others'),
    from: day.optional().describe('accepted on or after this day'),
    to: day.optional().describe('accepted on or before this day'),
    limit: z.coerce.number().int().min(1).max(CASE_PAGE_MAX).default(CASE_PAGE_MAX),
    cursor: z.string().max(200).optional().describe('X-Next-Cursor of the previous page'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: '`from` must not be after `to`', path: ['from'] });

/** Claim and release carry nothing; an optional note goes to the audit log. */
export const actionBody = z.object({
  note: z.string().trim().max(500).optional(),
});

export const transferBody = z.object({
  to: usernameSchema.describe('user name of the agent or supervisor who takes the case over'),
  note: z.string().trim().max(500).optional(),
});

export const resolveBody = z.object({
  cause: z.string().trim().min(1, 'say what caused the problem').max(2000).describe('原因, told to the customer'),
  solution: z.string().trim().min(1, 'say what was done').max(2000).describe('处理结果, told to the customer'),
  compensation: z.string().trim().min(1).max(500).optional().describe('补偿, e.g. 「赠送 10 元话费」'),
  changes: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .optional()
    .describe('后续改进, what will change so it does not happen again, told to the customer'),
});

/** What an agent may send in one message; long enough for a full explanation, short enough for WeChat to split. */
export const MAX_AGENT_MESSAGE_CHARS = 2000;
export const messageBody = z.object({
  text: z.string().trim().min(1, 'the message is empty').max(MAX_AGENT_MESSAGE_CHARS),
});

/** «I am typing» carries nothing: an absent body or `{}`; anything else is a client's mistake. */
export const typingBody = z.object({}).strict();

export const revealBody = z.object({
  field: z.enum(REVEALABLE_FIELDS),
});

export const draftCheckBody = z.object({
  text: z.string().max(MAX_AGENT_MESSAGE_CHARS),
});
