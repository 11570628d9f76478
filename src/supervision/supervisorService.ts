import { randomUUID } from 'node:crypto';
import type { Case, CaseNote } from '../domain/case';
import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../store/staffEventStream';
import { CaseActionError } from '../cases/caseActionError';
import { type ActionOutcome, type HandoffService, type StaffMember, type TransferTarget } from '../handoff/handoffService';
import type { Logger } from '../logging/logger';
import { maskForDetail } from '../cases/caseMasking';
import type { Store } from '../store/store';
import { LIVE_CONVERSATION_KIND, type LiveConversation } from '../domain/liveConversation';
import { botConversationRows, conversationRows, LIVE_STATUSES, sortRows, type ConversationRow } from './conversationView';
import { DEFAULT_STALL_THRESHOLDS, type StallThresholds } from './stallDetector';
import { assignedText, takeoverText } from './stallWording';

/** The staff accounts (src/auth UserRepository has these methods). */
export interface StaffRoster {
  list(): Promise<{ username: string; role: 'agent' | 'supervisor'; agentNo: string }[]>;
  get(username: string): Promise<{ username: string; agentNo: string } | undefined>;
}

export interface AgentLoad {
  username: string;
  agentNo: string;
  role: 'agent' | 'supervisor';
  /** Active cases this person owns. */
  openCases: number;
  /** Of those, how many are stalled now. */
  stalledCases: number;
}

export interface SupervisorServiceOptions {
  handoff: HandoffService;
  store: Store;
  staff: StaffRoster;
  logger: Logger;
  thresholds?: Partial<StallThresholds>;
  now?: () => Date;
}

/** Longest private note. */
export const MAX_NOTE_CHARS = 2000;
/** Notes kept per case (the oldest go first). */
const MAX_NOTES = 200;

/**
 * What a duty manager does: watch every live conversation, see which stall and why, take one
 * over, give it to someone else, or whisper to the agent. Status changes go through the
 * handoff's status machine (takeover, assign); notes live on the case, apart from the
 * transcript, and are never delivered to the customer.
 */
export class SupervisorService {
  readonly thresholds: StallThresholds;
  private readonly now: () => Date;
  private readonly logger: Logger;

  constructor(private readonly options: SupervisorServiceOptions) {
    this.thresholds = { ...DEFAULT_STALL_THRESHOLDS, ...(options.thresholds ?? {}) };
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger.child({ component: 'supervision' });
  }

  /**
   * Every live conversation, stalled ones first: the open, queued and active cases, and the
   * customers talking to the bot with no case yet (status 'bot').
   */
  async conversations(): Promise<ConversationRow[]> {
    const [open, live] = await Promise.all([this.liveCases(), this.liveConversations()]);
    const all = await this.withHistories(open, live);
    const now = this.now();
    return sortRows([...conversationRows(all, now, this.thresholds), ...botConversationRows(live, all, now, this.thresholds)]);
  }

  /** The cases still being worked on, read through the store's status index: never the archive. */
  private async liveCases(): Promise<Case[]> {
    return (await Promise.all(LIVE_STATUSES.map((status) => this.options.handoff.cases.list({ status })))).flat();
  }

  /**
   * The live cases and every case of the customers on the board (resolved ones too, so earlier
   * tickets count as repeats), through the store's customer index: the board costs what is live
   * and those customers' histories, whatever the size of the archive.
   */
  private async withHistories(open: Case[], live: LiveConversation[]): Promise<Case[]> {
    const customers = new Set([...open.map((c) => c.customerId), ...live.map((l) => l.customerId)]);
    const histories = await Promise.all([...customers].map((customerId) => this.options.handoff.cases.list({ customerId })));
    const byId = new Map<string, Case>();
    for (const c of [...open, ...histories.flat()]) byId.set(c.id, c);
    return [...byId.values()];
  }

  /** The bot's live-conversation records; the case rows still show when they cannot be read. */
  private async liveConversations(): Promise<LiveConversation[]> {
    try {
      return (await this.options.store.listRecords<LiveConversation>(LIVE_CONVERSATION_KIND)).map((r) => r.value);
    } catch (err) {
      this.logger.warn({ err }, 'supervision: live conversations could not be read');
      return [];
    }
  }

  /** Each staff member's load: the active cases they own. */
  async agentLoads(rows?: ConversationRow[]): Promise<AgentLoad[]> {
    const live = rows ?? (await this.conversations());
    const accounts = await this.options.staff.list();
    return accounts.map((a) => {
      const owned = live.filter((r) => r.status === 'active' && r.owner === a.username);
      return {
        username: a.username,
        agentNo: a.agentNo,
        role: a.role,
        openCases: owned.length,
        stalledCases: owned.filter((r) => r.stalled).length,
      };
    });
  }

  async takeover(caseId: string, supervisor: StaffMember): Promise<ActionOutcome & { previousOwner?: string }> {
    const outcome = await this.options.handoff.takeover(caseId, supervisor, takeoverText(supervisor.agentNo));
    await this.publish({
      resource: 'case',
      type: 'takeover',
      id: caseId,
      payload: {
        ticketId: outcome.case.ticketId,
        by: supervisor.username,
        owner: outcome.case.owner ?? null,
        ownerAgentNo: outcome.case.ownerAgentNo ?? null,
        previousOwner: outcome.previousOwner ?? null,
      },
    });
    return outcome;
  }

  /** Gives the case to an existing staff account; 404 for an unknown name. */
  async assign(
    caseId: string,
    supervisor: StaffMember,
    username: string,
  ): Promise<ActionOutcome & { previousOwner?: string; target: TransferTarget }> {
    const account = await this.options.staff.get(username);
    if (!account) throw new CaseActionError(404, 'UnknownStaff', `no staff account "${username}" to assign to`);
    const target: TransferTarget = { username: account.username, agentNo: account.agentNo };
    const before = await this.options.handoff.get(caseId);
    const outcome = await this.options.handoff.assign(caseId, supervisor, target, assignedText(target.agentNo, Boolean(before?.owner)));
    await this.publish({
      resource: 'case',
      type: 'assign',
      id: caseId,
      payload: {
        ticketId: outcome.case.ticketId,
        by: supervisor.username,
        owner: target.username,
        ownerAgentNo: target.agentNo ?? null,
        previousOwner: outcome.previousOwner ?? null,
      },
    });
    return { ...outcome, target };
  }

  /** A private note on the case for the staff working it (the supervisor's whisper). */
  async addNote(caseId: string, author: StaffMember, text: string): Promise<{ case: Case; note: CaseNote }> {
    const note: CaseNote = { id: randomUUID(), text, by: author.username, at: this.now().toISOString() };
    const result = await this.options.handoff.cases.update(caseId, (current) => ({
      // updatedAt stays: a note is not a change of the conversation (the case list sorts by it).
      next: { ...current, notes: [...(current.notes ?? []), note].slice(-MAX_NOTES) },
      result: undefined,
    }));
    if (!result) throw new CaseActionError(404, 'CaseNotFound', `no case ${caseId}`);
    this.logger.info(
      { caseId, ticketId: result.case.ticketId, by: author.username, chars: text.length },
      'supervision: private note added',
    );
    await this.publish({
      resource: 'note',
      type: 'created',
      id: caseId,
      payload: {
        noteId: note.id,
        ticketId: result.case.ticketId,
        text: maskForDetail(note.text),
        by: note.by,
        at: note.at,
        owner: result.case.owner ?? null,
      },
    });
    return { case: result.case, note };
  }

  private async publish(event: StaffEvent): Promise<void> {
    try {
      await publishStaffEvent(this.options.store, event, this.logger);
    } catch (err) {
      this.logger.warn({ err, resource: event.resource, type: event.type, id: event.id }, 'supervision: could not publish a staff event');
    }
  }
}
