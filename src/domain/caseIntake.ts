import type { Attachment, Case, CaseIssue, ChannelId, HumanRequestReason, Receipt, TranscriptEntry } from './case';
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

/** A customer's praise for a colleague or a solved case: recorded for the team, no ticket. */
export interface ComplimentDraft {
  channel: ChannelId;
  customerId: string;
  conversationId: string;
  text: string;
}

/**
 * The intake refused a new ticket because the customer (or their conversation or address) is
 * over a ticket limit. When the customer has an open ticket the complaint was filed with it
 * (`openTicketId`); otherwise it is in the conversation's transcript for a colleague.
 */
export class IntakeLimited extends Error {
  constructor(readonly openTicketId?: string) {
    super(openTicketId ? `over the ticket limit; filed with ${openTicketId}` : 'over the ticket limit');
    this.name = 'IntakeLimited';
  }
}

export interface CaseIntake {
  /**
   * Records the case durably, numbers it, and returns the receipt. Never resolves before the case
   * is stored. Throws IntakeLimited instead of numbering one ticket too many.
   */
  accept(draft: CaseDraft): Promise<{ case: Case; receipt: Receipt }>;
  /**
   * The customer asked for a person. Marks the conversation's open case as wanting a human, or
   * records a new case from what is known so far (issues may be empty), and queues it.
   * Throws IntakeLimited like accept.
   */
  requestHuman(draft: CaseDraft, reason: HumanRequestReason): Promise<Case>;
  /** Keeps a compliment for the reports and the team it praises. */
  recordCompliment(compliment: ComplimentDraft): Promise<void>;
  /** Earlier cases of this customer, newest first (repeat-complaint detection). */
  casesOfCustomer(channel: ChannelId, customerId: string): Promise<Case[]>;
}
