import type { Case } from '../domain/case';
import type { StaffPrincipal } from './staffAuth';

/**
 * Which cases a member of staff may see (PIPL, DOMAIN.md privacy: personal data only to the
 * staff the case needs). The one rule behind every route that returns or acts on a case and
 * behind the staff event stream:
 *
 *   - a supervisor sees every case;
 *   - an agent sees the cases it owns (also once resolved: its own history) and the cases
 *     waiting for a person (queued), so that it can pick one. A case with the bot (open), in
 *     another agent's hands, or resolved by someone else is not the agent's business.
 *
 * Takes only the two facts the rule needs, so the stream can apply it to an event's payload
 * without reading the case.
 */
export type CaseAccessFacts = Pick<Case, 'status'> & { owner?: string | null };

export function canSee(staff: Pick<StaffPrincipal, 'username' | 'role'>, c: CaseAccessFacts): boolean {
  if (staff.role === 'supervisor') return true;
  if (typeof c.owner === 'string' && c.owner === staff.username) return true;
  return c.status === 'queued' && !c.owner;
}
