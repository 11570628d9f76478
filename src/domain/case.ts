import type { CategoryId } from './category';
import type { EscalationSignal, Slots } from './understanding';

export type ChannelId = 'web' | 'wechat' | 'test';

/** Lifecycle of a case. Intake creates it as 'open'; later stages add the handoff states. */
export type CaseStatus = 'open' | 'queued' | 'active' | 'resolved';

export interface CaseIssue {
  category: CategoryId;
  text: string;
  /** Answers the customer gave to this category's questions, keyed by question id. */
  answers: Record<string, string>;
}

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
export type HandoffReason = 'asked' | 'not_understood' | 'escalation' | 'elderly' | 'urgent' | 'category' | 'anger' | 'signal';

/** How a case ended (the 结果告知: cause, solution, any compensation). */
export interface Resolution {
  cause: string;
  solution: string;
  compensation?: string;
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
  resolution?: Resolution;
}

/** The receipt data that travels with the receipt message (channelData.receipt on web chat). */
export interface Receipt {
  ticketId: string;
  category: CategoryId;
  acceptedAt: string;
  responseDueAt: string;
}
