import { randomUUID } from 'node:crypto';
import type { Case, Receipt } from '../domain/case';
import type { CaseDraft, CaseIntake } from '../domain/caseIntake';
import { responseDueAt, type DeadlineTable } from '../domain/deadlines';
import { formatTicketId, ticketDay } from '../domain/ticketId';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../domain/staffEvents';
import type { Store } from '../store/store';
import { CaseRepository } from './caseRepository';

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
  private readonly repository: CaseRepository;

  constructor(private readonly options: CaseServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.repository = new CaseRepository(options.store);
  }

  async accept(draft: CaseDraft): Promise<{ case: Case; receipt: Receipt }> {
    if (draft.issues.length === 0) throw new Error('a case needs at least one issue');
    // A customer who asked for a person before telling the complaint already has a ticket: fill it in.
    const bare = (await this.unresolvedCasesOf(draft)).find((c) => c.issues.length === 0);
    const merged = bare ? await this.updateExisting(bare.id, (current) => this.merge(current, draft)) : undefined;
    const c = merged ?? (await this.createNew(draft, 'open'));
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
    const updated = target
      ? await this.updateExisting(target.id, (current) => {
          const base = this.merge(current, draft);
          const entersQueue = base.status === 'open';
          return {
            ...base,
            wantsHuman: true,
            status: entersQueue ? 'queued' : base.status,
            queuedAt: entersQueue ? this.now().toISOString() : base.queuedAt,
          };
        })
      : undefined;
    return updated ?? (await this.createNew({ ...draft, wantsHuman: true }, 'queued'));
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

  /** Numbers, stores and announces a new case. */
  private async createNew(draft: CaseDraft, status: Case['status']): Promise<Case> {
    const c = await this.create(draft, status);
    await this.repository.create(c);
    await this.announce(c, 'created');
    return c;
  }

  /** Changes a stored case under its lock (another instance may be changing it too) and announces it. */
  private async updateExisting(id: string, change: (current: Case) => Case): Promise<Case | undefined> {
    const updated = await this.repository.update(id, (current) => {
      const next = change(current);
      next.updatedAt = this.now().toISOString();
      return { next, result: undefined };
    });
    if (updated) await this.announce(updated.case, 'updated');
    return updated?.case;
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
      ...(status === 'queued' ? { queuedAt: acceptedAt.toISOString() } : {}),
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

  private async announce(c: Case, type: 'created' | 'updated'): Promise<void> {
    const event: StaffEvent = { resource: 'case', type, id: c.id, payload: { status: c.status, ticketId: c.ticketId } };
    await this.options.store.publish(STAFF_EVENTS_TOPIC, event);
  }
}
