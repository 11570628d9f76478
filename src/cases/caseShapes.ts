import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case';
import { CATEGORY_IDS } from '../domain/category';
import { SIGNAL_LABELS, SLOT_LABELS } from '../domain/labels';
import type { EscalationSignal, SlotName } from '../domain/understanding';

/**
 * The staff API's case shapes, written once. The views in caseView.ts are typed by these (so the
 * server cannot send what the schema does not say), the OpenAPI document is generated from them
 * (src/http/api/caseRoutes.ts), and the consoles import the types (`import type`, erased from the
 * browser bundle). A field added here shows up in all three or the build fails.
 */

const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as [K, ...K[]];

const status = z.enum(CASE_STATUSES);
const category = z.enum(CATEGORY_IDS);
/** Channels register themselves; the API does not fix the list. */
const channel = z.string().describe('channel id: web, wechat, wecom, …');
const signal = z.enum(keysOf<EscalationSignal>(SIGNAL_LABELS));
const slotName = z.enum(keysOf<SlotName>(SLOT_LABELS));

export const transcriptEntrySchema = z.object({
  from: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  at: z.string(),
  by: z.string().optional().describe('for agent lines: the staff user name'),
});

export const caseListItemSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  status,
  category: category.nullable(),
  categoryName: z.string().nullable(),
  priority: z.number().describe('higher first: escalation risk 100, deadline 0–60, waiting 0–30'),
  waitingSince: z.string(),
  escalationRisk: z.boolean(),
  channel,
  owner: z.string().nullable(),
  ownerAgentNo: z.string().nullable(),
  wantsHuman: z.boolean(),
  handoffReasons: z.array(z.string()).describe('why the case came to a person: asked, not_understood, escalation, elderly, …'),
  acceptedAt: z.string(),
  responseDueAt: z.string(),
  updatedAt: z.string(),
  preview: z.string().describe('opening of the summary; phone, ID numbers and amounts masked'),
});

export const caseIssueViewSchema = z.object({
  category,
  categoryName: z.string(),
  text: z.string(),
  answers: z.record(z.string(), z.string()),
});

export const attachmentViewSchema = z.object({
  index: z.number().int().describe('GET …/attachments/{index} opens it'),
  kind: z.enum(['image', 'voice', 'video', 'file', 'sticker', 'link', 'other']),
  name: z.string().optional(),
  receivedAt: z.string(),
  channel: channel.describe('the channel the reference belongs to'),
  viewable: z.boolean().describe('false when the channel kept no copy (web chat uploads are not stored yet)'),
});

export const caseDeadlinesSchema = z.object({
  acceptedAt: z.string(),
  responseDueAt: z.string().describe('first response due (per category)'),
  overdue: z.boolean(),
  minutesLeft: z.number().describe('negative once overdue'),
});

export const resolutionViewSchema = z.object({
  cause: z.string(),
  solution: z.string(),
  compensation: z.string().optional(),
  changes: z.string().optional().describe('改进措施: what will change so it does not happen again'),
  resolvedAt: z.string(),
  resolvedBy: z.string(),
});

export const caseNoteViewSchema = z.object({
  id: z.string(),
  text: z.string().describe('masked like the transcript'),
  by: z.string(),
  at: z.string(),
});

export const caseDetailSchema = caseListItemSchema.omit({ preview: true }).extend({
  customerId: z.string(),
  conversationId: z.string(),
  agentSummary: z.string().describe('a few lines for the agent: what, key facts, signals, why a person, how long it waited'),
  summary: z.string().describe('what the customer confirmed at intake, masked'),
  issues: z.array(caseIssueViewSchema),
  slots: z.partialRecord(slotName, z.string()).describe('phone and idNumber masked; POST …/reveal shows them'),
  signals: z.array(signal),
  anger: z.number(),
  transcript: z.array(transcriptEntrySchema),
  attachments: z.array(attachmentViewSchema).describe('what the customer sent: pictures, voice notes, files, stickers, links'),
  deadlines: caseDeadlinesSchema,
  priorityBreakdown: z.object({ priority: z.number(), escalation: z.number(), deadline: z.number(), waiting: z.number() }),
  queuedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  queuePosition: z.number().nullable().describe('place in the queue (1 = next), for a queued case'),
  resolution: resolutionViewSchema.nullable(),
  notes: z.array(caseNoteViewSchema).describe('private staff notes (a supervisor’s whisper); never shown to the customer'),
});

export const caseActionResultSchema = caseDetailSchema.extend({
  customerNotified: z.boolean().describe('false when the customer could not be reached'),
});

export const caseHistoryItemSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  status,
  category: category.nullable(),
  categoryName: z.string().nullable(),
  channel,
  acceptedAt: z.string(),
  preview: z.string().describe('masked'),
  repeat: z.boolean().describe('flagged as a repeat of an earlier case of the same category'),
  linked: z.boolean().describe('linked to the case the history was asked for as the same matter repeated'),
  resolution: z.object({ cause: z.string(), solution: z.string(), resolvedAt: z.string() }).nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
});

export const earlierCaseSchema = caseHistoryItemSchema.omit({ resolution: true }).extend({
  readOnly: z.literal(true),
  summary: z.string().describe('masked'),
  issues: z.array(caseIssueViewSchema),
  transcript: z.array(transcriptEntrySchema).describe('phone and ID numbers masked'),
  resolution: z.object({ cause: z.string(), solution: z.string(), compensation: z.string().optional(), resolvedAt: z.string() }).nullable(),
});

export type CaseListItem = z.output<typeof caseListItemSchema>;
export type CaseIssueView = z.output<typeof caseIssueViewSchema>;
export type AttachmentView = z.output<typeof attachmentViewSchema>;
export type CaseDeadlines = z.output<typeof caseDeadlinesSchema>;
export type CaseDetail = z.output<typeof caseDetailSchema>;
export type CaseActionResult = z.output<typeof caseActionResultSchema>;
export type CaseHistoryItem = z.output<typeof caseHistoryItemSchema>;
export type EarlierCaseView = z.output<typeof earlierCaseSchema>;
