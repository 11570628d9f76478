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
}

/** The receipt data that travels with the receipt message (channelData.receipt on web chat). */
export interface Receipt {
  ticketId: string;
  category: CategoryId;
  acceptedAt: string;
  responseDueAt: string;
}
