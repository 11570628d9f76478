import { randomUUID } from 'node:crypto';
import type { Case, Receipt } from '../domain/case';
import type { CaseDraft, CaseIntake } from '../domain/caseIntake';
import { responseDueAt, type DeadlineTable } from '../domain/deadlines';
import { formatTicketId, ticketDay } from '../domain/ticketId';
import type { Store } from '../store/store';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../domain/staffEvents';

export interface CaseServiceOptions {
  store: Store;
  responseHours: DeadlineTable;
  timeZone: string;
  now?: () => Date;
}


/**
 * Accepts cases from intake: numbers them (unique across instances through the store),
 * stamps the response deadline, and stores them before anyone is told they exist.
 */
export class CaseService implements CaseIntake {
  private readonly now: () => Date;

  constructor(private readonly options: CaseServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async accept(draft: CaseDraft): Promise<{ case: Case; receipt: Receipt }> {
    if (draft.issues.length === 0) throw new Error('a case needs at least one issue');
    // A customer who asked for a person before telling the complaint already has a ticket: fill it in.
    const bare = (await this.unresolvedCasesOf(draft)).find((c) => c.issues.length === 0);
    const c = bare ? this.merge(bare, draft) : await this.create(draft, 'open');
    await this.save(c, bare ? 'updated' : 'created');
    const receipt: Receipt = {
      ticketId: c.ticketId,
      category: c.category ?? draft.issues[0].category,
      acceptedAt: c.acceptedAt,
      responseDueAt: c.responseDueAt,
    };
    return { case: c, receipt };
  }

  async requestHuman(draft: CaseDraft): Promise<Case> {
    const unresolved = await this.unresolvedCasesOf(draft);
    // With a new grievance in hand it is a new case (or fills a bare one); without one, the
    // customer means the case this conversation already has.
    const target = draft.issues.length ? unresolved.find((c) => c.issues.length === 0) : unresolved[0];
    const base = target ? this.merge(target, draft) : await this.create(draft, 'queued');
    const c: Case = { ...base, wantsHuman: true, status: base.status === 'open' ? 'queued' : base.status };
    await this.save(c, target ? 'updated' : 'created');
    return c;
  }

  async casesOfCustomer(channel: Case['channel'], customerId: string): Promise<Case[]> {
    const cases = await this.options.store.listCases({ customerId });
    return cases.filter((c) => c.channel === channel);
  }

  /** This conversation's cases that are not resolved yet, newest first. */
  private async unresolvedCasesOf(draft: CaseDraft): Promise<Case[]> {
    const cases = await this.casesOfCustomer(draft.channel, draft.customerId);
    return cases.filter((c) => c.conversationId === draft.conversationId && c.status !== 'resolved');
  }

  private async create(draft: CaseDraft, status: Case['status']): Promise<Case> {
    const acceptedAt = this.now();
    const day = ticketDay(acceptedAt, this.options.timeZone);
    const seq = await this.options.store.nextTicketSequence(day);
    const category = draft.issues[0]?.category;
    // A bare request for a human has no category yet: it gets the shortest deadline on the table.
    const hours = category ? this.options.responseHours[category] : Math.min(...Object.values(this.options.responseHours));
    return {
      id: randomUUID(),
      ticketId: formatTicketId(day, seq),
      channel: draft.channel,
      customerId: draft.customerId,
      conversationId: draft.conversationId,
      status,
      category,
      issues: draft.issues,
      slots: draft.slots,
      anger: draft.anger,
      signals: draft.signals,
      escalationRisk: draft.escalationRisk,
      wantsHuman: draft.wantsHuman,
      summary: draft.summary,
      acceptedAt: acceptedAt.toISOString(),
      responseDueAt: category
        ? responseDueAt(category, acceptedAt, this.options.responseHours).toISOString()
        : new Date(acceptedAt.getTime() + hours * 3600_000).toISOString(),
      attachments: draft.attachments,
      transcript: draft.transcript,
      updatedAt: acceptedAt.toISOString(),
    };
  }

  /** Keeps the ticket and acceptance time; adds what the draft tells that the case did not know. */
  private merge(existing: Case, draft: CaseDraft): Case {
    const issues = [...existing.issues, ...draft.issues];
    const category = existing.category ?? issues[0]?.category;
    const acceptedAt = new Date(existing.acceptedAt);
    return {
      ...existing,
      category,
      issues,
      slots: { ...existing.slots, ...draft.slots },
      anger: Math.max(existing.anger, draft.anger),
      signals: [...new Set([...existing.signals, ...draft.signals])],
      escalationRisk: existing.escalationRisk || draft.escalationRisk,
      wantsHuman: existing.wantsHuman || draft.wantsHuman,
      summary: draft.summary || existing.summary,
      responseDueAt:
        !existing.category && category
          ? responseDueAt(category, acceptedAt, this.options.responseHours).toISOString()
          : existing.responseDueAt,
      attachments: [...existing.attachments, ...draft.attachments.filter((a) => !existing.attachments.some((e) => e.ref === a.ref))],
      // The dialogs hand over only the lines since the last hand-over, so they append.
      transcript: [...existing.transcript, ...draft.transcript],
    };
  }

  private async save(c: Case, type: 'created' | 'updated'): Promise<void> {
    c.updatedAt = this.now().toISOString();
    await this.options.store.saveCase(c);
    const event: StaffEvent = { resource: 'case', type, id: c.id, payload: { status: c.status, ticketId: c.ticketId } };
    await this.options.store.publish(STAFF_EVENTS_TOPIC, event);
  }
}
