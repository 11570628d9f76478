import type { CaseStatus } from '../domain/case';

/**
 * The handoff status machine, in this one function (the Botpress HITL model: pending →
 * assigned → resolved, here open → queued → active → resolved). Every status change of a case
 * after intake is decided here, including who may make it; callers only apply the answer.
 *
 *   requestHuman  open|queued → queued            the customer, the bot or a handoff rule
 *   claim         open|queued → active (owner)    any staff; the owner again is a no-op;
 *                                                 someone else's active case → 409
 *   release       active → open (back to the bot) the owner or a supervisor
 *   transfer      active → active (new owner)     the owner or a supervisor
 *   resolve       active → resolved               the owner or a supervisor
 *                 open|queued → resolved          a supervisor (closing without a conversation)
 *   takeover      open|queued|active → active     a supervisor only; the supervisor becomes the
 *                 (owner = the supervisor)        owner and the previous agent can no longer send
 *   assign        open|queued|active → active     a supervisor only; `to` becomes the owner
 *                 (owner = to)
 */

export type HandoffActor = { kind: 'system' } | { kind: 'staff'; username: string; role: 'agent' | 'supervisor' };

export type HandoffEvent =
  | { type: 'requestHuman' }
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'transfer'; to: string }
  | { type: 'resolve' }
  | { type: 'takeover' }
  | { type: 'assign'; to: string };

export interface HandoffState {
  status: CaseStatus;
  owner?: string;
}

export type TransitionRefusal = {
  ok: false;
  /** HTTP-like: 403 not yours to do, 409 not possible in this status (or someone else has it), 400 pointless. */
  status: 400 | 403 | 409;
  code: string;
  reason: string;
};

export type Transition = { ok: true; next: HandoffState; changed: boolean } | TransitionRefusal;

export function transition(state: HandoffState, event: HandoffEvent, actor: HandoffActor): Transition {
  const { status, owner } = state;
  const staff = actor.kind === 'staff' ? actor : undefined;
  const isOwner = staff !== undefined && owner === staff.username;
  const isSupervisor = staff?.role === 'supervisor';
  const ok = (next: HandoffState): Transition => ({
    ok: true,
    next,
    changed: next.status !== status || next.owner !== owner,
  });
  const refuse = (code: number, name: string, reason: string): TransitionRefusal => ({
    ok: false,
    status: code as TransitionRefusal['status'],
    code: name,
    reason,
  });
  if (status === 'resolved') return refuse(409, 'CaseResolved', 'the case is already resolved');

  switch (event.type) {
    case 'requestHuman':
      if (status === 'active') return ok(state);
      return ok({ status: 'queued' });

    case 'claim':
      if (!staff) return refuse(403, 'StaffOnly', 'only staff can claim a case');
      if (status === 'active') {
        if (isOwner) return ok(state);
        return refuse(409, 'AlreadyClaimed', `the case is already being handled by ${owner}`);
      }
      return ok({ status: 'active', owner: staff.username });

    case 'release':
      if (status !== 'active') return refuse(409, 'NotActive', `only an active case can be released (it is ${status})`);
      if (!isOwner && !isSupervisor) return refuse(403, 'NotOwner', 'only the owner or a supervisor can release the case');
      return ok({ status: 'open' });

    case 'transfer':
      if (status !== 'active')
        return refuse(409, 'NotActive', `only an active case can be transferred (it is ${status}); claim it instead`);
      if (!isOwner && !isSupervisor) return refuse(403, 'NotOwner', 'only the owner or a supervisor can transfer the case');
      if (event.to === owner) return refuse(400, 'SameOwner', `${event.to} already owns the case`);
      return ok({ status: 'active', owner: event.to });

    case 'resolve':
      if (status === 'active') {
        if (!isOwner && !isSupervisor) return refuse(403, 'NotOwner', 'only the owner or a supervisor can resolve the case');
        return ok({ status: 'resolved', owner });
      }
      if (!isSupervisor) return refuse(409, 'NotActive', `claim the case before resolving it (it is ${status})`);
      return ok({ status: 'resolved' });

    case 'takeover':
      if (!staff || !isSupervisor) return refuse(403, 'SupervisorOnly', 'only a supervisor can take over a case');
      if (status === 'active' && isOwner) return refuse(400, 'SameOwner', `${staff.username} already owns the case`);
      return ok({ status: 'active', owner: staff.username });

    case 'assign':
      if (!staff || !isSupervisor) return refuse(403, 'SupervisorOnly', 'only a supervisor can assign a case');
      if (status === 'active' && event.to === owner) return refuse(400, 'SameOwner', `${event.to} already owns the case`);
      return ok({ status: 'active', owner: event.to });
  }
}
