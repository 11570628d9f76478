import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { BotLogic } from '../bot/botLogic';
import type { HumanHandoffHook } from '../bot/humanHandoffHook';
import { CaseRepository } from '../cases/caseRepository';
import type { RevealableField } from '../cases/caseMasking';
import { revealCaseValue } from '../cases/caseReveal';
import { priorityOf } from '../cases/priority';
import type { Case, HandoffReason, TranscriptEntry } from '../domain/case';
import type { CaseIntake } from '../domain/caseIntake';
import { ChannelRegistry } from '../domain/channels';
import type { StaffEvent } from '../domain/staffEvents';
import type { Logger } from '../logging/logger';
import { publishStaffEvent } from '../store/staffEventStream';
import type { CaseFilter, Store } from '../store/store';
import { ConversationLinks, isWithPeople } from './conversationLinks';
import { CustomerRelay } from './customerRelay';
import { CaseActionError } from '../cases/caseActionError';
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
import { withHandoffRules } from './handoffIntake';
import { transition, type HandoffActor, type HandoffEvent, type HandoffState as MachineState } from './handoffMachine';
import { DEFAULT_HANDOFF_RULES, type HandoffRuleSettings } from './handoffRules';
import { noAgentQueuedText, queuedText, RELEASED_TEXT, resolvedText, servingText, transferredText } from './handoffWording';
import { RecentClaims } from './queueEstimate';
import { QueueReads, type QueueStatus } from './queueReads';
import { StaffPresence } from './staffPresence';
import { TurnNotices } from './turnNotices';
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

export type { QueueStatus };

export interface ActionOutcome {
  case: Case;
  /** False when the customer could not be told (their channel is gone or unreachable). */
  customerNotified: boolean;
}

const SYSTEM: HandoffActor = { kind: 'system' };

/**
 * The human handoff: queue, assignment and relay. Routes call the staff actions; the bot calls
 * it through HumanHandoffHook (the relay, customerRelay.ts); the intake goes through intakeFor()
 * so that the handoff rules queue a case the moment it is accepted. Every status change goes
 * through transition() under the case's lock, then is announced as StaffEvents and told to
 * the customer (turnNotices.ts).
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
  private readonly now: () => Date;
  private readonly recentClaims: RecentClaims;
  private readonly links: ConversationLinks;
  private readonly queue: QueueReads;
  private readonly notices: TurnNotices;
  private readonly customerRelay: CustomerRelay;
  private followup?: ResolveFollowup;

  constructor(options: HandoffServiceOptions) {
    this.store = options.store;
    this.channels = options.channels ?? new ChannelRegistry();
    this.logger = options.logger.child({ component: 'handoff' });
    this.rules = options.rules ?? DEFAULT_HANDOFF_RULES;
    this.now = options.now ?? (() => new Date());
    this.cases = new CaseRepository(options.store);
    this.recentClaims = new RecentClaims(options.store);
    this.links = new ConversationLinks(options.store, this.cases);
    this.notices = new TurnNotices(this.channels, this.logger);
    this.queue = new QueueReads({
      cases: this.cases,
      presence: options.presence ?? new StaffPresence(options.store),
      recentClaims: this.recentClaims,
      logger: this.logger,
      now: this.now,
      waitMinutesPerPlace: options.waitMinutesPerPlace ?? 3,
      timeZone: options.timeZone ?? 'Asia/Shanghai',
    });
    this.customerRelay = new CustomerRelay({
      cases: this.cases,
      links: this.links,
      queue: this.queue,
      publish: (event) => this.publish(event),
      now: this.now,
      maxMessageChars: options.maxMessageChars ?? 4000,
      onRelayed: options.onRelayed,
    });
    this.typing = new TypingRelay({
      store: this.store,
      channels: this.channels,
      logger: this.logger,
      getCase: (id) => this.cases.get(id),
      caseInConversation: (conversationId) => this.caseInConversation(conversationId),
    });
  }

  // ---------------------------------------------------------------- bot side

  /** Each bot turn says the handoff's notices after the bot's own replies. */
  wrapBot(logic: BotLogic): BotLogic {
    return this.notices.wrapBot(logic);
  }

  /** The case intake with the handoff rules applied: a case that meets one goes straight to the queue. */
  intakeFor(inner: CaseIntake): CaseIntake {
    return withHandoffRules(inner, this.rules, (caseId, reasons) => this.requestHuman(caseId, reasons), this.logger);
  }

  /** HumanHandoffHook: while the conversation's case is queued or with a person, the bot keeps out of it. */
  isOwnedByHuman(context: TurnContext): Promise<boolean> {
    return this.customerRelay.isOwnedByHuman(context);
  }

  /** HumanHandoffHook: the customer's message goes onto the case and live to the consoles. */
  relay(context: TurnContext): Promise<void> {
    return this.customerRelay.relay(context);
  }

  /** The case queued for or with a person in this conversation, if there is one. */
  caseInConversation(conversationId: string): Promise<Case | undefined> {
    return this.links.caseIn(conversationId);
  }

  // ---------------------------------------------------------------- reading

  /** Cases in the order staff work them: the queue by priority, then active, open, resolved (newest first). */
  list(filter: CaseFilter = {}): Promise<Case[]> {
    return this.queue.list(filter);
  }

  get(id: string): Promise<Case | undefined> {
    return this.cases.get(id);
  }

  /** Place in the queue (1 = next) for a queued case, and a rough wait while agents are online. */
  queueStatus(c: Case): Promise<QueueStatus> {
    return this.queue.queueStatus(c);
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
    await this.links.link(after);
    const context = this.handoffContext(after);
    await this.publish(caseStatusEvent(after, before.status));
    await this.publish(handoffInitiateEvent(after, context));
    const status = await this.queue.queueStatus(after);
    if (!status.estimate) {
      this.logger.warn({ caseId: after.id, ticketId: after.ticketId }, 'handoff: queued with no agent online');
      await this.publish({ resource: 'alert', type: 'no-agent-online', id: after.id, payload: { ticketId: after.ticketId } });
    }
    const notice = status.estimate ? queuedText(status.position, status.estimate) : noAgentQueuedText(this.queue.dueText(after));
    // The customer gets handoff.initiate without the context or transcript (see handoffEvents.ts); staff got both above.
    await this.notices.tell(after, [handoffInitiateActivity(after), message(notice)]);
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
    await this.links.link(after);
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
    await this.links.unlink(after);
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
    await this.links.unlink(after);
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
    if (isWithPeople(c.status)) await this.links.link(c);
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
    await this.links.link(after);
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
    await this.links.link(after);
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
        throw new CaseActionError(403, 'NotOwner', 'only the agent who owns the case can message the customer');
      }
      if (current.status !== 'active')
        throw new CaseActionError(409, 'NotActive', `the case is ${current.status}; nobody is talking to the customer`);
      const at = this.now().toISOString();
      try {
        await this.channels.send(current.channel, current.conversationId, agentMessage(text, staff.agentNo, current.ticketId));
      } catch (err) {
        this.logger.warn({ err, caseId, channel: current.channel }, 'handoff: agent message not delivered');
        throw new CaseActionError(502, 'DeliveryFailed', `the message could not be delivered on the ${current.channel} channel`);
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
  reveal(caseId: string, staff: StaffMember, field: RevealableField): Promise<string> {
    return revealCaseValue(this.cases, caseId, staff, field);
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
      if (!t.ok) throw new CaseActionError(t.status, t.code, t.reason);
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
    const customerNotified = await this.notices.tell(c, [
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

  /** Consoles are told on a best-effort basis: the case itself is already safe in the store. */
  private async publish(event: StaffEvent): Promise<void> {
    try {
      await publishStaffEvent(this.store, event, this.logger);
    } catch (err) {
      this.logger.warn({ err, resource: event.resource, type: event.type, id: event.id }, 'handoff: could not publish a staff event');
    }
  }
}

function actorOf(staff: StaffMember): HandoffActor {
  return { kind: 'staff', username: staff.username, role: staff.role };
}

function notFound(caseId: string): CaseActionError {
  return new CaseActionError(404, 'CaseNotFound', `no case ${caseId}`);
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
