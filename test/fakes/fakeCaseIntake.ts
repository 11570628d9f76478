import type { Case, HumanRequestReason, Receipt } from '../../src/domain/case';
import type { CaseDraft, CaseIntake, ComplimentDraft } from '../../src/domain/caseIntake';
import { DEFAULT_RESPONSE_HOURS, responseDueAt, type DeadlineTable } from '../../src/domain/deadlines';
import { formatTicketId, ticketDay } from '../../src/domain/ticketId';

/** Records what the dialogs hand over and answers like the case service would, in memory. */
export class FakeCaseIntake implements CaseIntake {
  readonly accepted: CaseDraft[] = [];
  readonly humanRequests: CaseDraft[] = [];
  /** Why each request came: what the dialogs said, not guessed from the words. */
  readonly humanRequestReasons: HumanRequestReason[] = [];
  readonly cases: Case[] = [];
  readonly compliments: ComplimentDraft[] = [];
  /** Set to make the next accept() fail once (store outage). */
  failNextAccept = false;
  private sequence = 0;

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly deadlines: DeadlineTable = DEFAULT_RESPONSE_HOURS,
    /** Hours until a colleague answers a request for a human when no category is known. */
    private readonly humanResponseHours = 1,
  ) {}

  async accept(draft: CaseDraft): Promise<{ case: Case; receipt: Receipt }> {
    if (this.failNextAccept) {
      this.failNextAccept = false;
      throw new Error('store unavailable');
    }
    this.accepted.push(structuredClone(draft));
    const c = this.record(draft, 'open');
    return { case: c, receipt: { ticketId: c.ticketId, category: c.category!, acceptedAt: c.acceptedAt, responseDueAt: c.responseDueAt } };
  }

  async requestHuman(draft: CaseDraft, reason: HumanRequestReason): Promise<Case> {
    this.humanRequests.push(structuredClone(draft));
    this.humanRequestReasons.push(reason);
    return this.record(draft, 'queued');
  }

  async recordCompliment(compliment: ComplimentDraft): Promise<void> {
    this.compliments.push(structuredClone(compliment));
  }

  async casesOfCustomer(channel: string, customerId: string): Promise<Case[]> {
    return this.cases.filter((c) => c.channel === channel && c.customerId === customerId).reverse();
  }

  private record(draft: CaseDraft, status: Case['status']): Case {
    const at = this.now();
    const category = draft.issues[0]?.category;
    const due = category ? responseDueAt(category, at, this.deadlines) : new Date(at.getTime() + this.humanResponseHours * 3600_000);
    const ticketId = formatTicketId(ticketDay(at), ++this.sequence);
    const c: Case = {
      id: `case-${this.sequence}`,
      ticketId,
      status,
      ...(category ? { category } : {}),
      ...structuredClone(draft),
      acceptedAt: at.toISOString(),
      responseDueAt: due.toISOString(),
      updatedAt: at.toISOString(),
    };
    this.cases.push(c);
    return c;
  }
}
