import { z } from 'zod';
import type { Case } from '../domain/case';
import { CATEGORY_IDS, CATEGORY_NAMES } from '../domain/category';
import { formatDeskTime } from '../domain/deskTime';

/**
 * 快捷回复: sentences an agent sends again and again, kept once. Shared ones are the desk's
 * (supervisors keep them); personal ones belong to one agent. Variables in braces are filled
 * from the case when the reply is inserted, so 「您的工单 {工单号} 会在 {回复时限} 前答复」 reads
 * right for every customer.
 */
export const QUICK_REPLY_VARIABLES = ['工单号', '客户称呼', '回复时限', '类别', '工号'] as const;
export type QuickReplyVariable = (typeof QUICK_REPLY_VARIABLES)[number];

export interface QuickReply {
  id: string;
  title: string;
  text: string;
  scope: 'shared' | 'personal';
  /** The agent a personal reply belongs to; absent for shared ones. */
  owner?: string;
  /** Offered first for cases of this category. */
  category?: (typeof CATEGORY_IDS)[number];
  /** How often it was inserted: the library shows what is used. */
  uses: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const UNKNOWN_VARIABLE = /\{([^{}]{1,20})\}/g;

const replyText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(2000)
  .refine(
    (text) => [...text.matchAll(UNKNOWN_VARIABLE)].every((m) => (QUICK_REPLY_VARIABLES as readonly string[]).includes(m[1])),
    `may use only the variables ${QUICK_REPLY_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
  );

export const quickReplyBody = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(40),
  text: replyText,
  scope: z.enum(['shared', 'personal']).default('personal'),
  category: z.enum(CATEGORY_IDS).optional(),
});

export const quickReplyUpdate = quickReplyBody.omit({ scope: true }).partial();

/** The text with its variables filled from the case, for the agent `agentNo` serving it. */
export function renderQuickReply(text: string, c: Case, agentNo: string, timeZone: string): string {
  const values: Record<QuickReplyVariable, string> = {
    工单号: c.ticketId,
    // The desk does not learn customers' names reliably; the polite form fits everyone.
    客户称呼: '您',
    回复时限: formatDeskTime(c.responseDueAt, timeZone),
    类别: c.category ? CATEGORY_NAMES[c.category] : '您反映的问题',
    工号: agentNo,
  };
  return text.replace(UNKNOWN_VARIABLE, (whole, name: string) => values[name as QuickReplyVariable] ?? whole);
}

/** Whether a reply matches what the agent typed after "/": title or text, any letter case. */
export function matchesQuery(reply: QuickReply, q: string | undefined): boolean {
  if (!q) return true;
  const needle = q.trim().toLowerCase();
  return reply.title.toLowerCase().includes(needle) || reply.text.toLowerCase().includes(needle);
}
