import { randomUUID } from 'node:crypto';
import type { Case, Receipt } from '../domain/case';
import { IntakeLimited, type CaseDraft, type CaseIntake, type ComplimentDraft } from '../domain/caseIntake';
import { responseDueAt, type DeadlineTable } from '../domain/deadlines';
import { formatTicketId, ticketDay } from '../domain/ticketId';
import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../store/staffEventStream';
import type { Store } from '../store/store';
import { createLogger, type Logger } from '../logging/logger';
import { plannedDeadlines, reopenedFields, repeatCandidates, sameMatterCase } from './caseLifecycle';
import { DEFAULT_FOLLOWUP_SETTINGS, type FollowupSettings } from '../domain/followupSettings';
import type { CaseAdmission } from './caseAdmission';
import { CaseRepository } from './caseRepository';
import { ComplimentLog } from '../compliments/complimentLog';

export interface CaseServiceOptions {
  store: Store;
  responseHours: DeadlineTable;
  timeZone: string;
  /** Deadlines beyond the first response, the reopen window and REPEAT_DAYS; defaults from DOMAIN.md. */
  followup?: Pick<FollowupSettings, 'solutionHours' | 'resultNoticeHours' | 'reopenHours' | 'repeatDays'>;
  now?: () => Date;
  /** Ticket limits; without it every complaint gets a ticket. */
  admission?: CaseAdmission;
  /** Where a staff event that could not be kept for replay is reported; silent without it. */
  logger?: Logger;
}

/** An open ticket takes complaints filed over a limit only up to this many issues, so a flood cannot grow one case without end. */
const MAX_ISSUES_FILED_OVER_LIMIT = 20;

/**
 * Accepts cases from intake: numbers them (unique across instances through the store),
 * stamps the response deadline, and stores them before anyone is told they exist.
 */
export class CaseService implements CaseIntake {
  private readonly now: () => Date;
  private readonly repository: CaseRepository;
  private readonly followup: NonNullable<CaseServiceOptions['followup']>;
  private readonly compliments: ComplimentLog;
  private readonly logger: Logger;

  constructor(private readonly options: CaseServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? createLogger('silent');
    this.repository = new CaseRepository(options.store);
    this.followup = options.followup ?? DEFAULT_FOLLOWUP_SETTINGS;
    this.compliments = new ComplimentLog(options.store, this.now);
  }

  async accept(draft: CaseDraft): Promise<{ case: Case; receipt: Receipt }> {
    if (draft.issues.length === 0) throw new Error('a case needs at least one issue');
    // A customer who asked for a person before telling the complaint already has a ticket: fill it in.
    const bare = (await this.unresolvedCasesOf(draft)).find((c) => c.issues.length === 0);
    const merged = bare ? await this.updateExisting(bare.id, (current) => this.merge(current, draft)) : undefined;
    // Back about the same matter soon after a resolution or a reopen: the same ticket, not a new one.
    const landed = merged ? undefined : await this.landOnSameMatter(draft);
    const c = landed ?? (await this.linkRepeats(merged ?? (await this.createNew(draft, 'open'))));
    const receipt: Receipt = {
      ticketId: c.ticketId,
      category: c.category ?? draft.issues[0].category,
      acceptedAt: c.acceptedAt,
      responseDueAt: c.responseDueAt,
      ...(landed ? { existingTicket: true } : {}),
    };
    return { case: c, receipt };
  }

  /**
   * Appends the complaint to the customer's case about the same matter (same category,
   * resolved or reopened within REOPEN_HOURS), following the customer to this conversation.
   * A resolved one is reopened ('open'; the follow-up queues it for a person).
   */
  private async landOnSameMatter(draft: CaseDraft): Promise<Case | undefined> {
    if (!vouchedFor(draft.customerId)) return undefined;
    const category = draft.issues[0]?.category;
    const earlier = await this.casesOfCustomer(draft.channel, draft.customerId);
    const target = sameMatterCase(earlier, category, this.now(), this.followup.reopenHours);
    if (!target) return undefined;
    return this.updateExisting(target.id, (current) => {
      const merged = { ...this.merge(current, draft), conversationId: draft.conversationId };
      // Only what the matter already had: a same-matter return is not a new first-response clock.
      merged.responseDueAt = current.responseDueAt;
      if (current.status !== 'resolved') return merged;
      return reopenedFields(
        { ...merged, signals: [...new Set([...merged.signals, 'repeat' as const])] },
        this.now(),
        this.followup,
        '客户在办结后再次反映同一问题，工单重开',
      );
    });
  }

  /**
   * Repeat complaints: the same customer's cases in the same category within REPEAT_DAYS are
   * linked both ways; the new one is flagged (and gets the 'repeat' escalation signal, which
   * agents see on the case page and which raises its priority).
   */
  private async linkRepeats(c: Case): Promise<Case> {
    if (!c.category || !vouchedFor(c.customerId)) return c;
    const earlier = repeatCandidates(await this.casesOfCustomer(c.channel, c.customerId), c, this.now(), this.followup.repeatDays);
    if (earlier.length === 0) return c;
    const ids = earlier.map((e) => e.id);
    const linked =
      (await this.updateExisting(c.id, (current) => ({
        ...current,
        repeat: true,
        repeatOf: current.repeatOf ?? ids[0],
        linkedCaseIds: [...new Set([...(current.linkedCaseIds ?? []), ...ids])],
        signals: current.signals.includes('repeat') ? current.signals : [...current.signals, 'repeat'],
      }))) ?? c;
    for (const e of earlier) {
      await this.repository.update(e.id, (current) => ({
        next: (current.linkedCaseIds ?? []).includes(c.id)
          ? undefined
          : { ...current, linkedCaseIds: [...(current.linkedCaseIds ?? []), c.id] },
        result: undefined,
      }));
    }
    const alert: StaffEvent = {
      resource: 'alert',
      type: 'repeat-complaint',
      id: linked.id,
      payload: {
        ticketId: linked.ticketId,
        category: linked.category ?? null,
        customerId: linked.customerId,
        repeatOf: linked.repeatOf ?? null,
        linkedCaseIds: linked.linkedCaseIds ?? [],
        linkedTicketIds: earlier.map((e) => e.ticketId),
        withinDays: this.followup.repeatDays,
      },
    };
    await publishStaffEvent(this.options.store, alert, this.logger);
    return linked;
  }

  recordCompliment(compliment: ComplimentDraft): Promise<void> {
    return this.compliments.record(compliment);
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
    // The id must match exactly, whatever an index returned: another customer's case is never ours.
    return cases.filter((c) => c.channel === channel && c.customerId === customerId);
  }

  /** This conversation's cases that are not resolved yet, newest first. */
  private async unresolvedCasesOf(draft: CaseDraft): Promise<Case[]> {
    const cases = await this.casesOfCustomer(draft.channel, draft.customerId);
    return cases.filter((c) => c.conversationId === draft.conversationId && c.status !== 'resolved');
  }

  /** Numbers, stores and announces a new case; over a ticket limit throws IntakeLimited instead. */
  private async createNew(draft: CaseDraft, status: Case['status']): Promise<Case> {
    if (this.options.admission && !(await this.options.admission.admits(draft))) throw await this.fileOverLimit(draft);
    const c = await this.create(draft, status);
    await this.repository.create(c);
    await this.announce(c, 'created');
    return c;
  }

  /**
   * Over a ticket limit the complaint is not lost: it is added to the customer's newest open
   * ticket (which the refusal names), unless that ticket is already full of them.
   */
  private async fileOverLimit(draft: CaseDraft): Promise<IntakeLimited> {
    const open = (await this.casesOfCustomer(draft.channel, draft.customerId)).find((c) => c.status !== 'resolved');
    if (!open) return new IntakeLimited();
    if (draft.issues.length === 0 && draft.transcript.length === 0) return new IntakeLimited(open.ticketId);
    let filed = false;
    await this.updateExisting(open.id, (current) => {
      filed = current.issues.length + draft.issues.length <= MAX_ISSUES_FILED_OVER_LIMIT;
      return filed ? this.merge(current, draft) : current;
    });
    return new IntakeLimited(filed ? open.ticketId : undefined);
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
    const c: Case = {
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
    return { ...c, deadlines: plannedDeadlines(c.acceptedAt, c.responseDueAt, this.followup) };
  }

  /** Keeps the ticket and acceptance time; adds what the draft tells that the case did not know. */
  private merge(existing: Case, draft: CaseDraft): Case {
    const issues = [...existing.issues, ...draft.issues];
    const category = existing.category ?? issues[0]?.category;
    const acceptedAt = new Date(existing.acceptedAt);
    const merged: Case = {
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
    // A bare case that now has a category gets that category's deadlines.
    if (merged.responseDueAt !== existing.responseDueAt || !merged.deadlines) {
      merged.deadlines = plannedDeadlines(merged.acceptedAt, merged.responseDueAt, this.followup);
    }
    return merged;
  }

  private async announce(c: Case, type: 'created' | 'updated'): Promise<void> {
    const event: StaffEvent = { resource: 'case', type, id: c.id, payload: { status: c.status, ticketId: c.ticketId } };
    await publishStaffEvent(this.options.store, event, this.logger);
  }
}

/**
 * Only an id the channel itself vouches for (the web's signed cookie, WeChat's contact id) may
 * tie a conversation to earlier cases. A turn without a sender reaches intake as 'unknown':
 * that is nobody in particular, and must not join everyone without one onto one ticket.
 */
function vouchedFor(customerId: string): boolean {
  return customerId !== '' && customerId !== UNKNOWN_CUSTOMER;
}

/** What dialogs/caseDraft.ts records when the activity names no sender. */
const UNKNOWN_CUSTOMER = 'unknown';
