import { ActivityTypes, type Activity } from 'botbuilder';
import type { Case } from '../domain/case';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../domain/staffEvents';
import { Limiter, type LimitRule } from '../limits/limiter';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import type { ChannelRegistry } from '../domain/channels';
import { CaseActionError } from '../cases/caseActionError';
import { agentAccount } from './handoffEvents';

/**
 * Typing indicators both ways while a person serves the customer: 「客服正在输入…」 in the
 * customer's web chat while the agent types, 「客户正在输入…」 on the owner's console while the
 * customer types. Both are hints, not records: nothing here is written to the case, the audit
 * log or the staff-events stream (the web chat's own log carries the agent's indicator to the
 * customer's socket, as it carries theirs), and one lost is never worth failing a request for.
 */

/**
 * At most one agent indicator per conversation in this window, counted in the store so
 * it holds across instances: a held key (or a script) cannot flood the customer's chat.
 * Web Chat shows an indicator for 5 s and sends its own every 3 s, so 2.5 s keeps it lit.
 */
export const TYPING_WINDOW_MS = 2500;
const AGENT_TYPING: LimitRule = { name: 'typing-agent', limit: 1, windowMs: TYPING_WINDOW_MS };

/** What became of an agent's typing call; all of them answer 204. */
export type AgentTypingOutcome = 'sent' | 'coalesced' | 'no-indicator';

export interface TypingRelayDeps {
  store: Store;
  channels: ChannelRegistry;
  logger: Logger;
  getCase(id: string): Promise<Case | undefined>;
  /** The case with people in this conversation, if any. */
  caseInConversation(conversationId: string): Promise<Case | undefined>;
}

export class TypingRelay {
  private readonly limiter: Limiter;

  constructor(private readonly deps: TypingRelayDeps) {
    this.limiter = new Limiter(deps.store);
  }

  /**
   * The owner of an active case is typing: a Direct Line `typing` activity from them (under
   * their 工号, like their messages) on a channel that shows one (its `typing` capability: the
   * web chat does, WeChat and WeCom do not). Who may
   * is the rule of sending a message (HandoffService.sendMessage); the case API has already
   * answered 404 to staff who may not see the case.
   */
  async fromAgent(caseId: string, staff: { username: string; agentNo: string }): Promise<AgentTypingOutcome> {
    const c = await this.deps.getCase(caseId);
    if (!c) throw new CaseActionError(404, 'CaseNotFound', `no case ${caseId}`);
    if (c.owner !== staff.username) throw new CaseActionError(403, 'NotOwner', 'only the agent who owns the case can type to the customer');
    if (c.status !== 'active') throw new CaseActionError(409, 'NotActive', `the case is ${c.status}; nobody is talking to the customer`);
    if (!this.deps.channels.capabilities(c.channel)?.typing) return 'no-indicator';
    if (!(await this.limiter.take(AGENT_TYPING, c.conversationId)).allowed) return 'coalesced';
    try {
      await this.deps.channels.send(c.channel, c.conversationId, agentTyping(staff.agentNo));
    } catch (err) {
      this.deps.logger.debug({ err, caseId }, 'typing: indicator not delivered');
    }
    return 'sent';
  }

  /**
   * The web-chat customer is typing: the owner's console (and supervisors') hear it while the
   * case is with an agent. The channel keeps one indicator per conversation every 2.5 s. Published live only, never appended to the staff-events stream: a
   * console catching up with `?since=` must not show that someone was typing minutes ago.
   */
  async fromCustomer(conversationId: string): Promise<void> {
    try {
      const c = await this.deps.caseInConversation(conversationId);
      if (!c || c.status !== 'active' || !c.owner) return;
      await this.deps.store.publish(STAFF_EVENTS_TOPIC, customerTypingEvent(c));
    } catch (err) {
      this.deps.logger.debug({ err, conversationId }, 'typing: customer indicator not published');
    }
  }
}

/** A `message` event, so the staff stream shows it to the case's owner and supervisors only (streamVisibility.ts). */
export function customerTypingEvent(c: Pick<Case, 'id' | 'owner' | 'status' | 'ticketId'>): StaffEvent {
  return {
    resource: 'message',
    type: 'typing',
    id: c.id,
    payload: { from: 'customer', owner: c.owner ?? null, status: c.status, ticketId: c.ticketId },
  };
}

/** From the same account as the agent's messages, so Web Chat clears the indicator when the message lands. */
function agentTyping(agentNo: string): Partial<Activity> {
  return { type: ActivityTypes.Typing, from: agentAccount(agentNo) };
}
