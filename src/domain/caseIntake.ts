import type { Attachment, Case, CaseIssue, ChannelId, Receipt, TranscriptEntry } from './case';
import type { EscalationSignal, Slots } from './understanding';

/**
 * What the intake dialogs hand over when they accept a complaint. The dialogs depend on this
 * interface only; src/cases/caseService.ts implements it on top of the store.
 */
export interface CaseDraft {
  channel: ChannelId;
  customerId: string;
  conversationId: string;
  issues: CaseIssue[];
  slots: Slots;
  anger: number;
  signals: EscalationSignal[];
  escalationRisk: boolean;
  wantsHuman: boolean;
  summary: string;
  attachments: Attachment[];
  transcript: TranscriptEntry[];
}

export interface CaseIntake {
  /** Records the case durably, numbers it, and returns the receipt. Never resolves before the case is stored. */
  accept(draft: CaseDraft): Promise<{ case: Case; receipt: Receipt }>;
  /**
   * The customer asked for a person. Marks the conversation's open case as wanting a human, or
   * records a new case from what is known so far (issues may be empty), and queues it.
   */
  requestHuman(draft: CaseDraft): Promise<Case>;
  /** Earlier cases of this customer, newest first (repeat-complaint detection). */
  casesOfCustomer(channel: ChannelId, customerId: string): Promise<Case[]>;
}
