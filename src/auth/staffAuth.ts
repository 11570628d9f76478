import type { Request } from 'restify';
import type { StaffRole } from '../domain/staffAccounts';

/**
 * The seam between staff access (accounts, tokens, roles) and the routes that need it. The
 * customer's Direct Line token never satisfies it: staff tokens are a different kind.
 */
export type { StaffRole } from '../domain/staffAccounts';

export interface StaffPrincipal {
  username: string;
  role: StaffRole;
  /** The number customers hear, e.g. "07" in 「客服 07 号为您服务」. */
  agentNo: string;
}

export interface StaffAuth {
  /**
   * Reads `Authorization: Bearer <token>`. Throws HttpError 401 when it is missing, forged or
   * expired, 403 when the role is not among `roles` (default: any staff role).
   */
  authenticate(req: Request, roles?: StaffRole[]): Promise<StaffPrincipal>;
  /** For WebSocket upgrades and other places without a restify request. */
  verifyToken(token: string): Promise<StaffPrincipal | undefined>;
}

// The audit record's shape belongs to audit/, below auth, so the audit log needs nothing from auth.
export type { AuditEntry, AuditLog } from '../audit/auditEntry';
