import { canSee } from '../../auth/caseAccess';
import type { StaffPrincipal } from '../../auth/staffAuth';
import { CASE_STATUSES, type CaseStatus } from '../../domain/case';
import type { StaffEvent } from '../../domain/staffEvents';

/** Payload fields that carry what was said on a case (lines, transcript, photos): its owner's and supervisors' only. */
const CONVERSATION_FIELDS = ['text', 'transcript', 'media'] as const;

/**
 * What one console may see of an event on /api/stream: the case rule of every case route
 * (src/auth/caseAccess.ts, canSee), applied to the case facts the publisher put in the payload.
 *
 *   - Supervisors see everything.
 *   - An agent gets an event about a case it may see: its own (`owner`), whole; a queued one
 *     (`status: 'queued'`, nobody's), without what was said on it (message and note events, and
 *     the text-bearing fields of other events: the console opens the case to read them).
 *   - About a case it may not see, an agent gets nothing, with two content-free exceptions that
 *     keep its console right: the case was its own until this event (`previousOwner`: taken over,
 *     assigned or handed back), and the case left the queue (`previous: 'queued'`: someone claimed
 *     it), as `{status, previous}` only, so the queue drops it at once.
 *   - An event without case facts (`status`, or an `owner` who is the agent), such as the
 *     repeat-complaint alert with its customer id, or anything that is not about a case, is
 *     supervisors' only: unknown means not shown.
 *
 * The facts are the case's when the event happened, read under the case's lock by the publisher,
 * so the rule holds on every instance without a store read per event: a message sent before a
 * transfer went to the previous owner, one after it to the new.
 */
export function visibleTo(principal: Pick<StaffPrincipal, 'username' | 'role'>, event: StaffEvent): StaffEvent | undefined {
  if (principal.role === 'supervisor') return event;
  const p = event.payload;
  const owner = typeof p.owner === 'string' ? p.owner : undefined;
  if (owner === principal.username) return event;
  if (event.resource === 'message' || event.resource === 'note') return undefined;
  if (event.resource !== 'case' && event.resource !== 'alert') return undefined;
  const status = caseStatusOf(p.status);
  if (status && canSee(principal, { status, owner })) return withoutConversation(event);
  if (p.previousOwner === principal.username) return withoutConversation(event);
  if (event.resource === 'case' && event.type === 'status' && p.previous === 'queued' && status) {
    return { resource: 'case', type: 'status', id: event.id, payload: { status, previous: 'queued' } };
  }
  return undefined;
}

function caseStatusOf(value: unknown): CaseStatus | undefined {
  return CASE_STATUSES.find((s) => s === value);
}

function withoutConversation(event: StaffEvent): StaffEvent {
  if (!CONVERSATION_FIELDS.some((field) => field in event.payload)) return event;
  const payload = { ...event.payload };
  for (const field of CONVERSATION_FIELDS) delete payload[field];
  return { ...event, payload };
}
