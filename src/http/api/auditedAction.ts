import type { Request } from 'restify';
import { canSee } from '../../auth/caseAccess';
import type { AuditEntry, AuditLog, StaffPrincipal } from '../../auth/staffAuth';
import { toDetail } from '../../cases/caseView';
import { LockTimeout } from '../../cases/storeLock';
import type { Case } from '../../domain/case';
import { CaseActionError } from '../../cases/caseActionError';
import type { HandoffService } from '../../handoff/handoffService';
import type { Logger } from '../../logging/logger';
import { HttpError, type RouteHandler } from '../httpError';
import { validate } from '../validate';
import { caseIdParams } from './caseSchemas';

/**
 * What the agents' case API (caseRoutes) and the supervisors' API (supervisorRoutes) share for
 * an audited action on a case: the case the path names, the case as the answer shows it, the
 * audit write, and the HTTP answer to the service's refusals.
 */
export interface CaseActionHelpers {
  /**
   * Records the audit entry of an action that has already happened. An audit outage must not
   * make the staff member retry it, so a failed write is logged, not thrown. (A reveal records
   * its entry itself, before the value leaves: no audit entry, no reveal.)
   */
  audited(entry: AuditEntry): Promise<void>;
  /**
   * The case named by the `:id` path parameter, if `staff` may see it (src/auth/caseAccess.ts);
   * 400 for a malformed id, 404 when there is none or it is not theirs to see.
   */
  caseOf(req: Request, staff: StaffPrincipal): Promise<Case>;
  /** The case as GET /api/cases/{id} shows it (with its queue position when queued). */
  detail(c: Case): Promise<ReturnType<typeof toDetail>>;
}

/**
 * Records the audit entry of an action that has already happened (on a case or an account). An
 * audit outage must not make the staff member retry the action, so a failed write is logged, not thrown.
 */
export async function recordAudited(audit: AuditLog, log: Logger, entry: AuditEntry): Promise<void> {
  await audit.record(entry).catch((err) => log.error({ err, action: entry.action, caseId: entry.caseId }, 'audit entry not recorded'));
}

export function caseActionHelpers(deps: { handoff: HandoffService; audit: AuditLog; log: Logger; now: () => Date }): CaseActionHelpers {
  const { handoff, audit, log, now } = deps;
  return {
    audited: (entry) => recordAudited(audit, log, entry),
    async caseOf(req, staff) {
      const { id } = validate(caseIdParams, req.params, 'path');
      const c = await handoff.get(id);
      // A case the staff member may not see answers exactly like a case that does not exist
      // (404, same code and message), not 403: a 403 would confirm that the id names a ticket,
      // and let anyone holding a token probe ids (or ids leaked in logs and links) for cases.
      if (!c || !canSee(staff, c)) throw new HttpError(404, 'CaseNotFound', `no case ${id}`);
      return c;
    },
    async detail(c) {
      const position = c.status === 'queued' ? (await handoff.queueStatus(c)).position : undefined;
      return toDetail(c, now(), (ref) => handoff.channels.attachmentSource(ref), position);
    },
  };
}

/** The service speaks CaseActionError (and the store LockTimeout); the API answers with the matching HTTP error. */
export function mapCaseActionErrors(handler: RouteHandler): RouteHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof CaseActionError) throw new HttpError(err.status, err.code, err.message);
      if (err instanceof LockTimeout) throw new HttpError(503, 'Busy', 'the case is being changed by someone else; try again');
      throw err;
    }
  };
}
