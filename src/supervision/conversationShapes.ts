import { z } from 'zod';
import { caseListItemSchema } from '../cases/caseShapes';

/**
 * The supervisor board's row, written once: the case list's row (masked the same way) with the
 * measurements and the stall assessment. The OpenAPI document (src/http/api/supervisorRoutes.ts)
 * and the board's type come from here. A customer still talking to the bot before any case exists
 * is a row too, with status 'bot' and no ticket, deadline or owner.
 */
export const conversationRowSchema = caseListItemSchema.extend({
  id: z.string().describe('the case id; for a conversation with the bot and no case yet, an opaque "bot-…" id (no case actions)'),
  ticketId: z.string().nullable().describe('null while the customer talks to the bot and no case exists'),
  status: z.enum(['bot', 'open', 'queued', 'active']).describe('bot: with the bot, no case yet; open: a case, still with the bot'),
  withWhom: z.enum(['bot', 'queue', 'person']).describe('with the bot (open), waiting for a person (queued), with a person (active)'),
  waitingSeconds: z
    .number()
    .describe(
      'how long the customer has waited for a person: in the queue, or for an answer to their oldest unanswered message; 0 when nobody owes them one',
    ),
  waitingFor: z.enum(['queue', 'reply']).nullable(),
  agentSilentSeconds: z.number().nullable().describe('active cases: since the owner’s claim or last message'),
  deadlineSeconds: z.number().nullable().describe('until the first-response deadline; negative when overdue; null without a case'),
  firstResponseGiven: z.boolean(),
  angerTrend: z.array(z.number()).describe('the last anger readings, 0 calm .. 1 furious, oldest first'),
  repeat: z.object({ repeat: z.boolean(), count: z.number().describe('other tickets of the same customer') }),
  stalled: z.boolean(),
  stallReasons: z.array(z.string()).describe('e.g. 「客户已等待 6 分钟无人回复」「情绪持续升级」「距回复时限不足 10 分钟」「重复投诉」'),
  stallCodes: z
    .array(z.enum(['waiting', 'agent_silent', 'deadline_near', 'overdue', 'anger_rising', 'anger_high', 'repeat']))
    .describe('codes of the reasons, in the same order'),
  score: z.number().describe('0..100, higher is more urgent'),
  notes: z.number().describe('private notes on the case'),
  acceptedAt: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  preview: z.string().describe('masked like the case list; empty for a conversation without a case'),
});

export type ConversationRow = z.output<typeof conversationRowSchema>;
