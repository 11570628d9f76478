import { ActivityTypes, HandoffEventNames, type Activity } from 'botbuilder';
import type { Case, HandoffReason, TranscriptEntry } from '../domain/case';
import type { StaffEvent } from '../domain/staffEvents';
import { maskForDetail } from '../cases/caseMasking';

/**
 * The Bot Framework handoff convention (botbuilder's EventFactory): the bot emits an event
 * activity `handoff.initiate` whose value is the agent hub's context and whose attachment is the
 * transcript; the hub answers with `handoff.status` events (accepted / failed / completed). Here
 * the desk is both bot and hub, so it emits both, into the customer's conversation (the web log
 * keeps them; WeChat, text only, skips events) and as StaffEvents for the consoles.
 */

export type HandoffState = 'accepted' | 'failed' | 'completed';

/** The hub-specific part of handoff.initiate: what the queue needs to place the case. */
export interface HandoffContext {
  caseId: string;
  ticketId: string;
  category: string | null;
  reasons: HandoffReason[];
  escalationRisk: boolean;
  priority: number;
}

/** The transcript as Bot Framework's Transcript: message activities, oldest first. */
export function transcriptActivities(c: Case, mask = false): Partial<Activity>[] {
  return c.transcript.map((t: TranscriptEntry) => ({
    type: ActivityTypes.Message,
    text: mask ? maskForDetail(t.text) : t.text,
    timestamp: new Date(t.at),
    from: t.from === 'customer' ? { id: c.customerId, name: '', role: 'user' } : { id: t.by ?? t.from, name: t.from, role: 'bot' },
  }));
}

export function handoffInitiateActivity(c: Case, context: HandoffContext): Partial<Activity> {
  return {
    type: ActivityTypes.Event,
    name: HandoffEventNames.InitiateHandoff,
    value: context,
    attachments: [{ contentType: 'application/json', name: 'Transcript', content: { activities: transcriptActivities(c) } }],
    relatesTo: {
      channelId: c.channel,
      conversation: { id: c.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: c.customerId, name: '' },
      bot: { id: 'bot', name: '' },
      serviceUrl: '',
    },
  };
}

export function handoffStatusActivity(state: HandoffState, message?: string): Partial<Activity> {
  return { type: ActivityTypes.Event, name: HandoffEventNames.HandoffStatus, value: { state, ...(message ? { message } : {}) } };
}

export function caseStatusEvent(c: Case, previous?: Case['status']): StaffEvent {
  return {
    resource: 'case',
    type: 'status',
    id: c.id,
    payload: { status: c.status, owner: c.owner ?? null, ownerAgentNo: c.ownerAgentNo ?? null, ticketId: c.ticketId, previous: previous ?? null },
  };
}

export function handoffInitiateEvent(c: Case, context: HandoffContext): StaffEvent {
  return {
    resource: 'case',
    type: HandoffEventNames.InitiateHandoff,
    id: c.id,
    payload: { ...context, transcript: transcriptActivities(c, true).map((a) => ({ from: a.from?.role, text: a.text, at: a.timestamp })) },
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

export function messageEvent(caseId: string, entry: TranscriptEntry, extra: Record<string, unknown> = {}): StaffEvent {
  return {
    resource: 'message',
    type: 'created',
    id: caseId,
    payload: { from: entry.from, text: maskForDetail(entry.text), at: entry.at, ...extra },
  };
}
