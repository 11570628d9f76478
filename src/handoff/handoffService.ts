import { AsyncLocalStorage } from 'node:async_hooks';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { formatDeadline } from '../domain/deskTime';
import { mediaLabel } from '../domain/labels';
import { assessEmotion } from '../../intents';
import type { BotLogic } from '../bot/botLogic';
import type { HumanHandoffHook } from '../bot/humanHandoffHook';
import { incomingMedia } from '../bot/incomingMedia';
import { CaseRepository } from '../cases/caseRepository';
import { REVEALABLE_FIELDS, type RevealableField } from '../cases/caseMasking';
import type { Case, CaseStatus, HandoffReason, TranscriptEntry } from '../domain/case';
import type { CaseIntake } from '../domain/caseIntake';
import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../domain/staffEventStream';
import type { Logger } from '../logging/logger';
import type { CaseFilter, Store } from '../store/store';
import { ChannelRegistry } from '../domain/channels';
import { HandoffError } from './handoffError';
import {
  agentAccount,
  caseStatusEvent,
  handoffInitiateActivity,
  handoffInitiateEvent,
  handoffStatusActivity,
  handoffStatusEvent,
  messageEvent,
  type HandoffContext,
  type HandoffState,
} from './handoffEvents';
import { transition, type HandoffActor, type HandoffEvent, type HandoffState as MachineState } from './handoffMachine';
import { DEFAULT_HANDOFF_RULES, handoffReasons, type HandoffRuleSettings } from './handoffRules';
import {
  noAgentQueuedText,
  noAgentStillQueuedText,
  queuedText,
  RELEASED_TEXT,
  resolvedText,
  servingText,
  stillQueuedText,
  transferredText,
} from './handoffWording';
import { byPriority, priorityOf, queueOrder } from '../cases/priority';
import { RecentClaims, roughWait, type WaitEstimate } from './queueEstimate';
import { StaffPresence } from './staffPresence';
import { TypingRelay } from './typingRelay';

/** A member of staff as the handoff sees them (StaffPrincipal from src/auth has this shape). */
export interface StaffMember {
  username: string;
  role: 'agent' | 'supervisor';
  /** 工号, e.g. "07". */
  agentNo: string;
}

/** The new owner of a transfer; the 工号 when the staff directory knows it. */
export interface TransferTarget {
  username: string;
  agentNo?: string;
}

export interface ResolutionInput {
  cause: string;
  solution: string;
  compensation?: string;
  /** 改进措施: what will change, told in the result notice. */
  changes?: string;
}

/**
 * What follows a resolution (src/followup: 回访 and 归档). The handoff stays in charge of the
 * status change and of telling the customer; the follow-up adds to both.
 */
export interface ResolveFollowup {
  /** Fields stamped on the case as it is resolved (under the same lock), e.g. the archive dates. */
  resolvedFields(current: Case, now: Date): Partial<Case>;
  /** Called once the case is resolved, before the customer is told: what to say right after the result notice. */
  beforeNotice(c: Case): Promise<string[]>;
  /** Called after the notice went out (delivered) or could not be delivered. */
  afterNotice(c: Case, delivered: boolean): Promise<void>;
}

export interface HandoffServiceOptions {
  store: Store;
  logger: Logger;
  rules?: HandoffRuleSettings;
  /** Rough wait per place in the queue while there is no recent claim to learn from. Default 3. */
  waitMinutesPerPlace?: number;
  /** Longest customer message kept on the case while relaying. Default 4000. */
  maxMessageChars?: number;
  /** The desk's time zone, for the deadline in the notice when no agent is online. Default Asia/Shanghai. */
  timeZone?: string;
  /** Who is online (the staff stream records it); default: read from the same store. */
  presence?: StaffPresence;
  /** Told how long each customer line took from the relay to the staff stream (the relay metric). */
  onRelayed?: (seconds: number) => void;
  /** The desk's channels: how agents' messages reach each customer. Default: an empty registry (no channel reachable). */
  channels?: ChannelRegistry;
  now?: () => Date;
}

/** Where a queued customer stands: with agents online, a place and a rough wait; with none, no estimate at all. */
export type QueueStatus =
  { agentsOnline: number; position: number; estimate: WaitEstimate } | { agentsOnline: 0; position: number; estimate?: undefined };

export { HandoffError };

export interface ActionOutcome {
  case: Case;
  /** False when the customer could not be told (their channel is gone or unreachable). */
  customerNotified: boolean;
}

const SYSTEM: HandoffActor = { kind: 'system' };
/** Conversation id → the case a person has (or is about to have) in it. */
const LINK_KIND = 'handoff-conversation';
const TURN_CASE = Symbol('complaintDesk.handoffCase');
/** Anger readings kept per case: enough for a trend over the last messages (src/supervision). */
const ANGER_HISTORY_MAX = 20;

interface TurnScope {
  conversationId?: string;
  /** Said after the bot's own replies of this turn, so the order reads naturally. */
  pending: Partial<Activity>[];
}

/**
 * The human handoff: queue, assignment and relay. Routes call the staff actions; the bot calls
 * it through HumanHandoffHook; the intake goes through intakeFor() so that the handoff rules
 * queue a case the moment it is accepted. Every status change goes through transition()
 * under the case's lock, then is announced as StaffEvents and told to the customer.
 */
export class HandoffService implements HumanHandoffHook {
  /** The desk's channels; the composition root registers and connects each one. */
  readonly channels: ChannelRegistry;
  readonly cases: CaseRepository;
  /** Typing indicators both ways while a person serves the customer. */
  readonly typing: TypingRelay;
  private readonly store: Store;
  private readonly logger: Logger;
  private readonly rules: HandoffRuleSettings;
  private readonly waitMinutesPerPlace: number;
  private readonly maxMessageChars: number;
  private readonly now: () => Date;
  private readonly onRelayed?: (seconds: number) => void;
  private readonly recentClaims: RecentClaims;
  private readonly presence: StaffPresence;
  private readonly timeZone: string;
  private readonly turns = new AsyncLocalStorage<TurnScope>();
  private followup?: ResolveFollowup;

  constructor(options: HandoffServiceOptions) {
    this.store = options.store;
    this.channels = options.channels ?? new ChannelRegistry();
    this.logger = options.logger.child({ component: 'handoff' });
    this.rules = options.rules ?? DEFAULT_HANDOFF_RULES;
    this.waitMinutesPerPlace = options.waitMinutesPerPlace ?? 3;
    this.maxMessageChars = options.maxMessageChars ?? 4000;
    this.now = options.now ?? (() => new Date());
    this.onRelayed = options.onRelayed;
    this.cases = new CaseRepository(options.store);
    this.recentClaims = new RecentClaims(options.store);
    this.presence = options.presence ?? new StaffPresence(options.store);
    this.timeZone = options.timeZone ?? 'Asia/Shanghai';
    this.typing = new TypingRelay({
      store: this.store,
      channels: this.channels,
      logger: this.logger,
      getCase: (id) => this.cases.get(id),
      caseInConversation: (conversationId) => this.caseInConversation(conversationId),
    });
  }

  // ---------------------------------------------------------------- bot side

  /**
   * Runs each bot turn in a scope that collects handoff notices, and says them after the
   * bot's own replies («已为您登记人工服务…» first, then the place in the queue).
   */
  wrapBot(logic: BotLogic): BotLogic {
    return async (context) => {
      const scope: TurnScope = { conversationId: context.activity.conversation?.id, pending: [] };
      await this.turns.run(scope, () => logic(context));
      if (scope.pending.length === 0) return;
      try {
        await context.sendActivities(scope.pending);
      } catch (err) {
        this.logger.error({ err, conversationId: scope.conversationId }, 'handoff: could not tell the customer about the queue');
      }
    };
  }

  /** The case intake with the handoff rules applied: a case that meets one goes straight to the queue. */
  intakeFor(inner: CaseIntake): CaseIntake {
    return {
      accept: async (draft) => {
        const accepted = await inner.accept(draft);
        const reasons = handoffReasons(accepted.case, this.rules);
        if (reasons.length === 0) return accepted;
        return { case: await this.queueRecorded(accepted.case, reasons), receipt: accepted.receipt };
      },
      requestHuman: async (draft, reason) => {
        const queued = await inner.requestHuman(draft, reason);
        return this.queueRecorded(queued, [reason, ...handoffReasons(queued, this.rules)]);
      },
      recordCompliment: (compliment) => inner.recordCompliment(compliment),
      casesOfCustomer: (channel, customerId) => inner.casesOfCustomer(channel, customerId),
    };
  }

  /**
   * The case is recorded by now: a failure to queue it must not fail the customer's turn, or
   * the dialogs would retry and record it twice. It stays on the list for staff to claim.
   */
  private async queueRecorded(c: Case, reasons: HandoffReason[]): Promise<Case> {
    try {
      return await this.requestHuman(c.id, reasons);
    } catch (err) {
      this.logger.error({ err, caseId: c.id, reasons }, 'handoff: a recorded case could not be queued for a person');
      return c;
    }
  }

  /** HumanHandoffHook: while the conversation's case is queued or with a person, the bot keeps out of it. */
  async isOwnedByHuman(context: TurnContext): Promise<boolean> {
    const conversationId = context.activity.conversation?.id;
    const c = conversationId ? await this.caseInConversation(conversationId) : undefined;
    if (!c) return false;
    context.turnState.set(TURN_CASE, c);
    return true;
  }

  /** The case queued for or with a person in this conversation, if there is one. */
  async caseInConversation(conversationId: string): Promise<Case | undefined> {
    const link = await this.store.getRecord<{ caseId: string }>(LINK_KIND, conversationId);
    if (!link) return undefined;
    const c = await this.cases.get(link.caseId);
    return c && c.conversationId === conversationId && isWithPeople(c.status) ? c : undefined;
  }

  /** HumanHandoffHook: the customer's message goes onto the case and live to the consoles. */
  async relay(context: TurnContext): Promise<void> {
    const known = context.turnState.get(TURN_CASE) as Case | undefined;
    if (!known) return;
    const startedMs = performance.now();
    const at = this.now().toISOString();
    const activity = context.activity;
    const media = incomingMedia(activity, at);
    const typed = (activity.text ?? '').trim();
    // The bot's length guard does not run while relaying; the case keeps a bounded line.
    const clipped = typed.length > this.maxMessageChars ? `${typed.slice(0, this.maxMessageChars)}…` : typed;
    const text = clipped || media.map((m) => mediaLabel(m.kind)).join(' ');
    if (!text) return;
    const entry: TranscriptEntry = { from: 'customer', text, at };
    // Each typed message's anger, so supervisors see whether the customer is calming down or escalating.
    const reading = clipped ? { at, anger: assessEmotion(clipped).anger } : undefined;
    const updated = await this.cases.update(known.id, (current) => ({
      next: {
        ...current,
        transcript: [...current.transcript, entry],
        attachments: [...current.attachments, ...media],
        ...(reading ? { angerHistory: [...(current.angerHistory ?? []), reading].slice(-ANGER_HISTORY_MAX) } : {}),
        updatedAt: at,
      },
      result: undefined,
    }));
    if (!updated) return;
    // The owner as of this line (read under the lock): the staff stream shows it to them and supervisors only.
    await this.publish(messageEvent(updated.case, entry, media.length ? { media } : {}));
    this.onRelayed?.((performance.now() - startedMs) / 1000);
    if (updated.case.status === 'queued') {
      const status = await this.queueStatus(updated.case);
      await context.sendActivity(
        status.estimate ? stillQueuedText(status.position, status.estimate) : noAgentStillQueuedText(this.dueText(updated.case)),
      );
    }
  }

  // ---------------------------------------------------------------- reading

  /** Cases in the order staff work them: the queue by priority, then active, open, resolved (newest first). */
  async list(filter: CaseFilter = {}): Promise<Case[]> {
    const now = this.now();
    const cases = await this.cases.list(filter);
    const rank: Record<CaseStatus, number> = { queued: 0, active: 1, open: 2, resolved: 3 };
    const resolvedAt = (c: Case) => c.resolution?.resolvedAt ?? c.updatedAt;
    const priority = byPriority(now);
    return cases.sort(
      (a, b) => rank[a.status] - rank[b.status] || (a.status === 'resolved' ? resolvedAt(b).localeCompare(resolvedAt(a)) : priority(a, b)),
    );
  }

  get(id: string): Promise<Case | undefined> {
    return this.cases.get(id);
  }

  /**
   * Place in the queue (1 = next) for a queued case, and a rough wait while agents are online.
   * With no agent online there is no wait to estimate: nobody is taking cases (night, holiday).
   */
  async queueStatus(c: Case): Promise<QueueStatus> {
    const now = this.now();
    const queue = queueOrder(await this.cases.list({ status: 'queued' }), now);
    const index = queue.findIndex((q) => q.id === c.id);
    const position = index >= 0 ? index + 1 : queue.length + 1;
    const agentsOnline = await this.agentsOnline();
    if (agentsOnline === 0) return { agentsOnline: 0, position };
    const estimate = roughWait(position, await this.recentClaims.list(), now, this.waitMinutesPerPlace);
    return { agentsOnline, position, estimate };
  }

  /** Agents with a console open on any instance. If that cannot be read, the customer is not told a wait that may be false. */
  private async agentsOnline(): Promise<number> {
    try {
      return await this.presence.onlineAgents();
    } catch (err) {
      this.logger.warn({ err }, 'handoff: could not read who is online; treating it as no agent online');
      return 0;
    }
  }

  /** «11月21日 21:05 前», or undefined when the deadline has already passed. */
  private dueText(c: Case): string | undefined {
    const due = Date.parse(c.responseDueAt);
    if (!Number.isFinite(due) || due <= this.now().getTime()) return undefined;
    return formatDeadline(c.responseDueAt, this.timeZone);
  }

  // ---------------------------------------------------------------- the queue

  /**
   * Puts a case in the queue (or keeps it there) for these reasons, and announces the handoff:
   * handoff.initiate with the transcript (to staff), the case's new status, and the honest queue notice.
   */
  async requestHuman(caseId: string, reasons: HandoffReason[]): Promise<Case> {
    const { after, before } = await this.act(caseId, { type: 'requestHuman' }, SYSTEM, (current, now, next) =>
      // A case a person already has stays theirs; only a case entering the queue starts waiting now.
      next.status !== 'queued'
        ? {}
        : {
            queuedAt: current.status === 'queued' && current.queuedAt ? current.queuedAt : now,
            handoffReasons: [...new Set([...(current.handoffReasons ?? []), ...reasons])],
          },
    );
    if (after.status !== 'queued') return after;
    this.logger.info(
      { caseId: after.id, ticketId: after.ticketId, from: before.status, reasons: after.handoffReasons },
      'handoff: queued for a person',
    );
    await this.link(after);
    const context = this.handoffContext(after);
    await this.publish(caseStatusEvent(after, before.status));
    await this.publish(handoffInitiateEvent(after, context));
    const status = await this.queueStatus(after);
    if (!status.estimate) {
      this.logger.warn({ caseId: after.id, ticketId: after.ticketId }, 'handoff: queued with no agent online');
      await this.publish({ resource: 'alert', type: 'no-agent-online', id: after.id, payload: { ticketId: after.ticketId } });
    }
    const notice = status.estimate ? queuedText(status.position, status.estimate) : noAgentQueuedText(this.dueText(after));
    // The customer gets handoff.initiate without the context or transcript (see handoffEvents.ts); staff got both above.
    await this.tell(after, [handoffInitiateActivity(after), message(notice)]);
    return after;
  }

  // ---------------------------------------------------------------- staff actions

  async claim(caseId: string, staff: StaffMember): Promise<ActionOutcome> {
    const { before, after, changed } = await this.act(caseId, { type: 'claim' }, actorOf(staff), (current, now) => ({
      ownerAgentNo: staff.agentNo,
      claimedAt: now,
      transcript: [...current.transcript, systemLine(`客服 ${staff.agentNo} 号接入`, now)],
    }));
    if (!changed) return { case: after, customerNotified: true };
    await this.link(after);
    if (before.status === 'queued' && after.claimedAt) {
      await this.recentClaims.add({ queuedAt: before.queuedAt ?? before.acceptedAt, claimedAt: after.claimedAt }).catch((err) => {
        this.logger.warn({ err }, 'handoff: could not record the claim for wait estimates');
      });
    }
    return this.announceStatus(after, before, 'accepted', servingText(staff.agentNo), `claimed by ${staff.username}`);
  }

  async release(caseId: string, staff: StaffMember): Promise<ActionOutcome> {
    const { before, after } = await this.act(caseId, { type: 'release' }, actorOf(staff), (current, now) => ({
      ownerAgentNo: undefined,
      queuedAt: undefined,
      transcript: [...current.transcript, systemLine(`客服 ${current.ownerAgentNo ?? ''} 号结束人工服务，交回智能助手`, now)],
    }));
    await this.unlink(after);
    return this.announceStatus(after, before, 'completed', RELEASED_TEXT, `released to the bot by ${staff.username}`);
  }

  async transfer(caseId: string, staff: StaffMember, to: TransferTarget): Promise<ActionOutcome> {
    const { before, after } = await this.act(caseId, { type: 'transfer', to: to.username }, actorOf(staff), (current, now) => ({
      ownerAgentNo: to.agentNo,
      claimedAt: now,
      transcript: [
        ...current.transcript,
        systemLine(`由客服 ${current.ownerAgentNo ?? ''} 号转给 ${to.agentNo ? `客服 ${to.agentNo} 号` : to.username}`, now),
      ],
    }));
    return this.announceStatus(
      after,
      before,
      'accepted',
      transferredText(to.agentNo),
      `transferred from ${before.owner} to ${to.username}`,
    );
  }

  async resolve(caseId: string, staff: StaffMember, input: ResolutionInput): Promise<ActionOutcome> {
    const { before, after } = await this.act(caseId, { type: 'resolve' }, actorOf(staff), (current, now) => ({
      resolution: {
        cause: input.cause,
        solution: input.solution,
        ...(input.compensation ? { compensation: input.compensation } : {}),
        ...(input.changes ? { changes: input.changes } : {}),
        resolvedAt: now,
        resolvedBy: staff.username,
      },
      transcript: [...current.transcript, systemLine('工单已办结', now)],
      ...(this.followup?.resolvedFields(current, new Date(now)) ?? {}),
    }));
    await this.unlink(after);
    // The satisfaction question goes right after the result notice, in the same delivery.
    const afterNotice = await this.followupLines(after);
    const outcome = await this.announceStatus(
      after,
      before,
      'completed',
      [resolvedText(after.ticketId, after.resolution!), ...afterNotice],
      `resolved by ${staff.username}`,
    );
    await this.followup?.afterNotice(after, outcome.customerNotified).catch((err) => {
      this.logger.warn({ err, caseId }, 'handoff: follow-up after the result notice failed');
    });
    return outcome;
  }

  /** Plugs in what follows a resolution (the composition root sets the follow-up service). */
  setResolveFollowup(followup: ResolveFollowup): void {
    this.followup = followup;
  }

  /**
   * Points this conversation at a case that is with people (a customer who came back about the
   * same matter from a new conversation), so their messages relay to the case.
   */
  async linkConversation(c: Case): Promise<void> {
    if (isWithPeople(c.status)) await this.link(c);
  }

  private async followupLines(c: Case): Promise<string[]> {
    try {
      return (await this.followup?.beforeNotice(c)) ?? [];
    } catch (err) {
      this.logger.warn({ err, caseId: c.id }, 'handoff: follow-up before the result notice failed');
      return [];
    }
  }

  /**
   * A supervisor takes the case (from the queue, the bot or another agent) and becomes its
   * owner; the previous owner can no longer send. `customerText` is what the customer hears.
   */
  async takeover(caseId: string, staff: StaffMember, customerText: string): Promise<ActionOutcome & { previousOwner?: string }> {
    const { before, after } = await this.act(caseId, { type: 'takeover' }, actorOf(staff), (current, now) => ({
      ownerAgentNo: staff.agentNo,
      claimedAt: now,
      transcript: [
        ...current.transcript,
        systemLine(
          current.ownerAgentNo
            ? `值班主管（${staff.agentNo} 号）接手，客服 ${current.ownerAgentNo} 号退出`
            : `值班主管（${staff.agentNo} 号）接入`,
          now,
        ),
      ],
    }));
    await this.link(after);
    const outcome = await this.announceStatus(
      after,
      before,
      'accepted',
      customerText,
      `taken over by supervisor ${staff.username} from ${before.owner ?? before.status}`,
    );
    return { ...outcome, ...(before.owner ? { previousOwner: before.owner } : {}) };
  }

  /** A supervisor gives the case (queued, open or active) to `to`, who becomes its owner. */
  async assign(
    caseId: string,
    staff: StaffMember,
    to: TransferTarget,
    customerText: string,
  ): Promise<ActionOutcome & { previousOwner?: string }> {
    const { before, after } = await this.act(caseId, { type: 'assign', to: to.username }, actorOf(staff), (current, now) => ({
      ownerAgentNo: to.agentNo,
      claimedAt: now,
      transcript: [...current.transcript, systemLine(`值班主管分配给${to.agentNo ? `客服 ${to.agentNo} 号` : to.username}`, now)],
    }));
    await this.link(after);
    const outcome = await this.announceStatus(
      after,
      before,
      'accepted',
      customerText,
      `assigned to ${to.username} by supervisor ${staff.username}`,
    );
    return { ...outcome, ...(before.owner ? { previousOwner: before.owner } : {}) };
  }

  /**
   * The owner's message, delivered to the customer's own channel. Only the owner of an active
   * case may send. Delivery happens under the case's lock, so the transcript keeps the order
   * in which the customer received the messages, and nothing is recorded that did not leave.
   */
  async sendMessage(caseId: string, staff: StaffMember, text: string): Promise<{ case: Case; entry: TranscriptEntry }> {
    const result = await this.cases.update(caseId, async (current) => {
      if (current.owner !== staff.username) {
        throw new HandoffError(403, 'NotOwner', 'only the agent who owns the case can message the customer');
      }
      if (current.status !== 'active')
        throw new HandoffError(409, 'NotActive', `the case is ${current.status}; nobody is talking to the customer`);
      const at = this.now().toISOString();
      try {
        await this.channels.send(current.channel, current.conversationId, agentMessage(text, staff.agentNo, current.ticketId));
      } catch (err) {
        this.logger.warn({ err, caseId, channel: current.channel }, 'handoff: agent message not delivered');
        throw new HandoffError(502, 'DeliveryFailed', `the message could not be delivered on the ${current.channel} channel`);
      }
      const entry: TranscriptEntry = { from: 'agent', text, at, by: staff.username };
      return { next: { ...current, transcript: [...current.transcript, entry], updatedAt: at }, result: entry };
    });
    if (!result) throw notFound(caseId);
    await this.publish(messageEvent(result.case, result.result, { by: staff.username, agentNo: staff.agentNo }));
    return { case: result.case, entry: result.result };
  }

  /** Notes that `staff` inserted quick reply `replyId` into the case (the per-agent report counts it). */
  async recordQuickReplyUse(caseId: string, staff: Pick<StaffMember, 'username'>, replyId: string): Promise<void> {
    const at = this.now().toISOString();
    await this.cases.update(caseId, (current) => ({
      next: { ...current, quickReplyUses: [...(current.quickReplyUses ?? []), { replyId, by: staff.username, at }] },
      result: undefined,
    }));
  }

  /** The full phone or ID number, for the owner or a supervisor (the route audits it). */
  async reveal(caseId: string, staff: StaffMember, field: RevealableField): Promise<string> {
    if (!REVEALABLE_FIELDS.includes(field)) throw new HandoffError(400, 'BadField', `cannot reveal ${field}`);
    const c = await this.cases.get(caseId);
    if (!c) throw notFound(caseId);
    if (c.owner !== staff.username && staff.role !== 'supervisor') {
      throw new HandoffError(403, 'NotOwner', 'only the owner of the case or a supervisor can reveal personal data');
    }
    const value = c.slots[field];
    if (!value) throw new HandoffError(404, 'NoSuchValue', `the case has no ${field}`);
    return value;
  }

  // ---------------------------------------------------------------- internals

  /** One status change: decided by transition(), written under the case's lock. */
  private async act(
    caseId: string,
    event: HandoffEvent,
    actor: HandoffActor,
    extra: (current: Case, now: string, next: MachineState) => Partial<Case>,
  ): Promise<{ before: Case; after: Case; changed: boolean }> {
    const result = await this.cases.update(caseId, (current) => {
      const t = transition({ status: current.status, owner: current.owner }, event, actor);
      if (!t.ok) throw new HandoffError(t.status, t.code, t.reason);
      if (!t.changed && event.type !== 'requestHuman') return { result: { before: current, changed: false } };
      const now = this.now().toISOString();
      const next: Case = { ...current, ...extra(current, now, t.next), status: t.next.status, owner: t.next.owner, updatedAt: now };
      // A new owner of an active case (claim, transfer, takeover, assign): kept for the per-agent report.
      if (t.next.status === 'active' && t.next.owner && t.next.owner !== current.owner) {
        next.assignments = [
          ...(current.assignments ?? []),
          { username: t.next.owner, ...(next.ownerAgentNo ? { agentNo: next.ownerAgentNo } : {}), at: now },
        ];
      }
      for (const key of Object.keys(next) as (keyof Case)[]) if (next[key] === undefined) delete next[key];
      return { next, result: { before: current, changed: t.changed } };
    });
    if (!result) throw notFound(caseId);
    return { before: result.result.before, after: result.case, changed: result.result.changed };
  }

  private async announceStatus(
    c: Case,
    before: Case,
    state: HandoffState,
    customerText: string | string[],
    note: string,
  ): Promise<ActionOutcome> {
    this.logger.info(
      { caseId: c.id, ticketId: c.ticketId, from: before.status, status: c.status, owner: c.owner, state },
      `handoff: ${note}`,
    );
    await this.publish(caseStatusEvent(c, before.status, before.owner));
    await this.publish(handoffStatusEvent(c, state, note));
    const texts = Array.isArray(customerText) ? customerText : [customerText];
    // `note` names staff by login: it stays in the log and the StaffEvent. The customer hears the 工号 at most.
    const customerNotified = await this.tell(c, [
      handoffStatusActivity(state, state === 'accepted' ? c.ownerAgentNo : undefined),
      ...texts.map(message),
    ]);
    return { case: c, customerNotified };
  }

  private handoffContext(c: Case): HandoffContext {
    return {
      caseId: c.id,
      ticketId: c.ticketId,
      category: c.category ?? null,
      reasons: c.handoffReasons ?? [],
      escalationRisk: c.escalationRisk,
      priority: priorityOf(c, this.now()).priority,
    };
  }

  /**
   * Says something to the customer: inside their own bot turn after the bot's replies, else
   * through their channel's delivery. A customer who cannot be reached does not undo the action.
   */
  private async tell(c: Case, activities: Partial<Activity>[]): Promise<boolean> {
    const scope = this.turns.getStore();
    if (scope && scope.conversationId === c.conversationId) {
      scope.pending.push(...activities);
      return true;
    }
    try {
      for (const activity of activities) await this.channels.send(c.channel, c.conversationId, activity);
      return true;
    } catch (err) {
      this.logger.warn({ err, caseId: c.id, channel: c.channel }, 'handoff: could not tell the customer');
      return false;
    }
  }

  private async link(c: Case): Promise<void> {
    await this.store.putRecord(LINK_KIND, c.conversationId, { caseId: c.id });
  }

  private async unlink(c: Case): Promise<void> {
    const link = await this.store.getRecord<{ caseId: string }>(LINK_KIND, c.conversationId);
    if (link?.caseId === c.id) await this.store.deleteRecord(LINK_KIND, c.conversationId);
  }

  /** Consoles are told on a best-effort basis: the case itself is already safe in the store. */
  private async publish(event: StaffEvent): Promise<void> {
    try {
      await publishStaffEvent(this.store, event, this.logger);
    } catch (err) {
      this.logger.warn({ err, resource: event.resource, type: event.type, id: event.id }, 'handoff: could not publish a staff event');
    }
  }
}

function isWithPeople(status: CaseStatus): boolean {
  return status === 'queued' || status === 'active';
}

function actorOf(staff: StaffMember): HandoffActor {
  return { kind: 'staff', username: staff.username, role: staff.role };
}

function notFound(caseId: string): HandoffError {
  return new HandoffError(404, 'CaseNotFound', `no case ${caseId}`);
}

function message(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text };
}

function systemLine(text: string, at: string): TranscriptEntry {
  return { from: 'system', text, at };
}

/** Shown under the agent's 工号, never their login name; tagged with the customer's ticket number, not the internal case id. */
function agentMessage(text: string, agentNo: string, ticketId: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    from: agentAccount(agentNo),
    channelData: { handoff: { ticketId, agentNo } },
  };
}

export function createHandoffService(options: HandoffServiceOptions): HandoffService {
  return new HandoffService(options);
}
