import type { CategoryId } from './category';
import type { ChannelId } from './channels';
import type { EscalationSignal, Slots } from './understanding';

/** A case's channel is the id of a registered channel (src/domain/channels.ts), not a closed list. */
export type { ChannelId };

/** Lifecycle of a case. Intake creates it as 'open'; later stages add the handoff states. */
export const CASE_STATUSES = ['open', 'queued', 'active', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Cases someone (the bot, the queue, an agent) is still working on: what live views read. */
export const LIVE_CASE_STATUSES: readonly CaseStatus[] = ['open', 'queued', 'active'];

/**
 * A resolved case whose result notice (办结通知) has not reached the customer yet: the deadline
 * watch still chases it, so stores can find these without reading the resolved archive. Cases
 * resolved before deadlines were stamped are not chased (src/followup/deadlineRules.ts isMet).
 */
export function awaitsResultNotice(c: Pick<Case, 'status' | 'resultNoticeAt' | 'deadlines'>): boolean {
  return c.status === 'resolved' && c.resultNoticeAt === undefined && c.deadlines !== undefined;
}

export interface CaseIssue {
  category: CategoryId;
  text: string;
  /** Answers the customer gave to this category's questions, keyed by question id. */
  answers: Record<string, string>;
  /**
   * Questions the customer could not or would not answer («不记得», «没有», «不方便说», «就这些»),
   * keyed by question id; answers[id] then says so in words (「客户不记得」), never as a value.
   */
  unanswered?: Record<string, UnansweredKind>;
}

export type UnansweredKind = 'unknown' | 'none' | 'refused' | 'done';

export interface Attachment {
  kind: 'image' | 'voice' | 'video' | 'file' | 'sticker' | 'link' | 'other';
  /** Channel-specific reference (message id, URL) that lets staff fetch it later. */
  ref: string;
  name?: string;
  receivedAt: string;
}

export interface TranscriptEntry {
  from: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  at: string;
  /** For agent lines: the staff user name of who wrote it (customers only ever see the 工号). */
  by?: string;
}

/** Why a case was handed to a person (the handoff rules that fired). */
export type HandoffReason = 'asked' | 'not_understood' | 'escalation' | 'elderly' | 'urgent' | 'category' | 'anger' | 'signal' | 'reopened';
/** Why the intake dialogs hand a conversation to a person: the customer asked, or the bot failed to understand. */
export type HumanRequestReason = Extract<HandoffReason, 'asked' | 'not_understood'>;

/** How a case ended (the 结果告知: cause, solution, any compensation). */
export interface Resolution {
  cause: string;
  solution: string;
  compensation?: string;
  /** 改进措施: what will change so it does not happen again (told to the customer). */
  changes?: string;
  resolvedAt: string;
  /** Staff user name. */
  resolvedBy: string;
}

export interface Case {
  id: string;
  ticketId: string;
  channel: ChannelId;
  /** Stable customer identity on that channel (Direct Line user id, WeChat contact id). */
  customerId: string;
  conversationId: string;
  status: CaseStatus;
  /** Main category (of the first grievance). Absent only for a bare request for a human before any complaint was told. */
  category?: CategoryId;
  issues: CaseIssue[];
  slots: Slots;
  anger: number;
  signals: EscalationSignal[];
  escalationRisk: boolean;
  wantsHuman: boolean;
  summary: string;
  acceptedAt: string;
  responseDueAt: string;
  attachments: Attachment[];
  transcript: TranscriptEntry[];
  updatedAt: string;

  // Handoff (src/handoff/). All optional: cases recorded before the handoff existed lack them.
  /** Staff user name of the person who owns the case while it is 'active'. */
  owner?: string;
  /** The owner's 工号, e.g. "07", as the customer hears it. */
  ownerAgentNo?: string;
  /** When the case last entered the queue; the "waiting since" of the queue and of priority. */
  queuedAt?: string;
  /** When the current (or last) owner claimed it. */
  claimedAt?: string;
  /** The handoff rules that put the case in the queue. */
  handoffReasons?: HandoffReason[];
  /**
   * Every time a person became the owner (claim, transfer, takeover, assign), oldest first.
   * claimedAt keeps only the latest, so without this a transfer erased when the first agent got
   * the case; the per-agent report measures each agent from their own assignment. Recorded
   * since the per-agent report; older cases fall back to claimedAt.
   */
  assignments?: CaseAssignment[];
  /** Quick replies inserted while working on the case, by whom (the per-agent report counts them). */
  quickReplyUses?: QuickReplyUse[];
  resolution?: Resolution;

  // Follow-up (src/followup/): 回访, deadline watch, repeat complaints, archive. All optional.
  /** When the result notice reached the customer's channel (the result-notice deadline is met). */
  resultNoticeAt?: string;
  /** The customer's answer to the satisfaction question (回访). */
  satisfaction?: Satisfaction;
  /** Set when an unhappy answer or a return about the same matter reopened the resolved case. */
  reopened?: boolean;
  reopenedAt?: string;
  /** The deadlines the watch keeps (first response mirrors responseDueAt). */
  deadlines?: CaseDeadlineSet;
  /** Warnings and breaches already raised, so each is raised once. */
  deadlineEvents?: DeadlineEvent[];
  /** Repeat complaint: same customer, same category within REPEAT_DAYS. */
  repeat?: boolean;
  /** The most recent earlier case this one repeats. */
  repeatOf?: string;
  /** Every case linked as the same customer's repeat of the same category (both ways). */
  linkedCaseIds?: string[];
  /** 归档: when the case was archived, and until when it must be kept. */
  archivedAt?: string;
  retainUntil?: string;

  // Supervision (src/supervision/). Optional as well.
  /** Anger (0..1) of each customer message relayed while the case is with people, oldest first (the last 20). */
  angerHistory?: AngerReading[];
  /** Private notes between staff (a supervisor's whisper to the agent). Never part of the transcript, never sent to the customer. */
  notes?: CaseNote[];
}

export interface CaseAssignment {
  /** Staff user name of the new owner. */
  username: string;
  /** Their 工号 when known. */
  agentNo?: string;
  at: string;
}

export interface QuickReplyUse {
  replyId: string;
  /** Staff user name of who inserted it. */
  by: string;
  at: string;
}

export interface AngerReading {
  at: string;
  anger: number;
}

export interface CaseNote {
  id: string;
  text: string;
  /** Staff user name of the writer. */
  by: string;
  at: string;
}

/** The receipt data that travels with the receipt message (channelData.receipt on web chat). */
export interface Receipt {
  ticketId: string;
  category: CategoryId;
  acceptedAt: string;
  responseDueAt: string;
  /** True when the complaint landed back on an earlier ticket about the same matter (no new ticket). */
  existingTicket?: boolean;
}

export interface Satisfaction {
  /** 1 (very unhappy) … 5 (very satisfied). */
  score: 1 | 2 | 3 | 4 | 5;
  /** The customer's own words (clipped). */
  words: string;
  at: string;
}

export type DeadlineName = 'firstResponse' | 'solution' | 'resultNotice';

export interface CaseDeadlineSet {
  firstResponseDueAt: string;
  solutionDueAt: string;
  resultNoticeDueAt: string;
}

export interface DeadlineEvent {
  kind: 'warning' | 'breach';
  deadline: DeadlineName;
  /** The due time the event was about (a reopen sets new due times, which get their own events). */
  dueAt: string;
  /** For warnings: the lead time (minutes before dueAt) that fired. */
  leadMinutes?: number;
  at: string;
}
