import { ActivityTypes, HandoffEventNames, type Activity } from 'botbuilder';
import type { Case, HandoffReason, TranscriptEntry } from '../domain/case';
import type { StaffEvent } from '../domain/staffEvents';
import { maskForDetail } from '../cases/caseMasking';

/**
 * The Bot Framework handoff convention (botbuilder's EventFactory): the bot emits an event
 * activity `handoff.initiate` whose value is the agent hub's context and whose attachment is the
 * transcript; the hub answers with `handoff.status` events (accepted / failed / completed). Here
 * the desk is both bot and hub. The hub's side — context, priority, the (masked) transcript, who
 * claimed the case — goes to staff and integrations only, as the StaffEvents below
 * (`{resource:'case', type:'handoff.initiate' | 'handoff.status'}`).
 *
 * The customer's conversation still gets the two event activities (Web Chat keeps them in its
 * log, WeChat, text only, skips events), so a client can follow the handoff, but in a form fit
 * for the customer (PIPL, DOMAIN.md privacy): the ticket number they are told anyway and, once a
 * person serves them, the 工号 they hear anyway — never the transcript, internal ids (case,
 * customer), the desk's assessment of them (reasons, priority, escalation risk) or staff login
 * names. We keep sending them rather than dropping them so that customer clients relying on the
 * convention keep working; everything else they used to carry lives in the StaffEvents.
 */

export type HandoffState = 'accepted' | 'failed' | 'completed';

/** The hub-specific part of handoff.initiate: what the queue needs to place the case. Staff only. */
export interface HandoffContext {
  caseId: string;
  ticketId: string;
  category: string | null;
  reasons: HandoffReason[];
  escalationRisk: boolean;
  priority: number;
}

/** The transcript as Bot Framework's Transcript: message activities, oldest first, phone/ID numbers masked. Staff only. */
export function transcriptActivities(c: Case): Partial<Activity>[] {
  return c.transcript.map((t: TranscriptEntry) => ({
    type: ActivityTypes.Message,
    text: maskForDetail(t.text),
    timestamp: new Date(t.at),
    from: t.from === 'customer' ? { id: c.customerId, name: '', role: 'user' } : { id: t.by ?? t.from, name: t.from, role: 'bot' },
  }));
}

/** Who an agent is in the customer's chat: their 工号, never their login name, on the bot's side. */
export function agentAccount(agentNo: string): { id: string; name: string; role: 'bot' } {
  return { id: `agent-${agentNo}`, name: `客服 ${agentNo} 号`, role: 'bot' };
}

/** handoff.initiate as the customer's conversation gets it: their ticket number, nothing internal. */
export function handoffInitiateActivity(c: Case): Partial<Activity> {
  return { type: ActivityTypes.Event, name: HandoffEventNames.InitiateHandoff, value: { ticketId: c.ticketId } };
}

/** handoff.status as the customer's conversation gets it: the state and, when a person serves them, the 工号 only. */
export function handoffStatusActivity(state: HandoffState, agentNo?: string): Partial<Activity> {
  return { type: ActivityTypes.Event, name: HandoffEventNames.HandoffStatus, value: { state, ...(agentNo ? { agentNo } : {}) } };
}

/**
 * Every case event carries the case's `status` and `owner` (and, on a change of hands, the
 * `previousOwner`): the staff stream shows an event to the staff who may see the case
 * (src/http/api/streamVisibility.ts), and an event without them to supervisors only.
 */
export function caseStatusEvent(c: Case, previous?: Case['status'], previousOwner?: string): StaffEvent {
  return {
    resource: 'case',
    type: 'status',
    id: c.id,
    payload: {
      status: c.status,
      owner: c.owner ?? null,
      ownerAgentNo: c.ownerAgentNo ?? null,
      ticketId: c.ticketId,
      previous: previous ?? null,
      previousOwner: previousOwner && previousOwner !== c.owner ? previousOwner : null,
    },
  };
}

export function handoffInitiateEvent(c: Case, context: HandoffContext): StaffEvent {
  return {
    resource: 'case',
    type: HandoffEventNames.InitiateHandoff,
    id: c.id,
    payload: {
      ...context,
      status: c.status,
      owner: c.owner ?? null,
      transcript: transcriptActivities(c).map((a) => ({ from: a.from?.role, text: a.text, at: a.timestamp })),
    },
  };
}

export function handoffStatusEvent(c: Case, state: HandoffState, message?: string): StaffEvent {
  return {
    resource: 'case',
    type: HandoffEventNames.HandoffStatus,
    id: c.id,
    payload: { state, status: c.status, owner: c.owner ?? null, ...(message ? { message } : {}) },
  };
}

/**
 * A line of the conversation for the consoles, phone/ID numbers masked. Carries the case's owner
 * at the time of the line, so the staff stream shows it to that agent (and supervisors) only.
 */
export function messageEvent(
  c: Pick<Case, 'id' | 'ticketId' | 'owner'>,
  entry: TranscriptEntry,
  extra: Record<string, unknown> = {},
): StaffEvent {
  return {
    resource: 'message',
    type: 'created',
    id: c.id,
    payload: { from: entry.from, text: maskForDetail(entry.text), at: entry.at, ...extra, ticketId: c.ticketId, owner: c.owner ?? null },
  };
}
