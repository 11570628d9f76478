import type { Server } from 'restify';
import { StoreAuditLog } from '../audit/auditLog';
import type { Config } from '../config/env';
import { mountAuditRoutes, AUDIT_API_PATHS } from './api/auditRoutes';
import { mountAuthRoutes, AUTH_API_PATHS } from './api/authRoutes';
import { buildOpenApiDocument, mountOpenApi, type OpenApiPaths } from './api/openapi';
import { StaffStreamServer, STREAM_API_PATHS } from './api/staffStream';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import type { AccountSpec } from '../domain/staffAccounts';
import { accountLock } from '../auth/accountLock';
import { LoginThrottle } from '../auth/loginThrottle';
import type { AuditLog, StaffAuth } from '../auth/staffAuth';
import { staffTokenKey, StaffTokenService } from '../auth/staffTokens';
import { TokenRevocations } from '../auth/tokenRevocations';
import { TokenStaffAuth } from '../auth/tokenStaffAuth';
import { UserRepository } from '../auth/users';

export type { AuditEntry, AuditLog, StaffAuth, StaffPrincipal, StaffRole } from '../auth/staffAuth';
export { UserRepository, AccountError, type StaffAccount, type StaffUser } from '../auth/users';
export type { OpenApiPaths } from './api/openapi';

/**
 * Staff access wired together: accounts, tokens, login throttling, the audit log, and the routes
 * that serve them (login, audit, the OpenAPI document, the staff stream). It sits in the HTTP layer
 * because it mounts those routes; src/auth itself knows nothing of HTTP routes.
 */
export interface StaffAccessDeps {
  store: Store;
  logger: Logger;
  config: Pick<Config, 'tokenSecret' | 'staffTokenTtlSeconds' | 'bootstrapUsers' | 'trustProxy'> & {
    limits?: Pick<Config['limits'], 'loginLockFailures' | 'loginLockWindowMs' | 'loginLockMs'>;
  };
  /** Failed logins allowed per user name and address per minute (default 5). */
  loginFailuresPerMinute?: number;
}

export interface MountOptions {
  /** Other route modules' OpenAPI paths (e.g. CASE_API_PATHS), merged into /api/openapi.json. */
  openApiPaths?: OpenApiPaths[];
}

export interface StaffAccess {
  /** Pass to every /api route module: `await auth.authenticate(req, ['supervisor'])`. */
  readonly auth: StaffAuth;
  /** Pass to every route that claims, transfers, messages or reveals. */
  readonly audit: AuditLog;
  /** The same audit log with reading (GET /api/audit). */
  readonly auditLog: StoreAuditLog;
  readonly users: UserRepository;
  /**
   * Creates/updates BOOTSTRAP_USERS, then mounts POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me,
   * GET /api/audit, GET /api/openapi.json and the /api/stream WebSocket. Call once, before listen.
   */
  mount(server: Server, options?: MountOptions): Promise<void>;
  /** Adds OpenAPI paths, also after mount (modules mounted later); throws if one is already described. */
  addOpenApiPaths(paths: OpenApiPaths): void;
  /** Closes staff WebSockets and timers; the HTTP server and the store are the caller's. */
  close(): Promise<void>;
}

/**
 * Staff access: accounts, login, bearer tokens, roles, the audit log and the staff event stream.
 * The objects exist right away (so other modules can be given `auth` and `audit` when they are
 * built); routes and the stream come with mount().
 */
export function createStaffAccess(deps: StaffAccessDeps): StaffAccess {
  const logger = deps.logger.child({ component: 'staff-access' });
  const users = new UserRepository(deps.store);
  // The key derives from TOKEN_SECRET (createApp makes one for an in-memory desk); it is never
  // generated into the store, where whoever reads Redis could sign staff tokens.
  const tokens = new StaffTokenService(
    () => staffTokenKey(deps.config.tokenSecret, () => Promise.reject(new Error('staff tokens need TOKEN_SECRET'))),
    deps.config.staffTokenTtlSeconds,
  );
  const revocations = new TokenRevocations(deps.store);
  const auth = new TokenStaffAuth(tokens, users, revocations);
  const auditLog = new StoreAuditLog(deps.store);
  const throttle = new LoginThrottle(deps.loginFailuresPerMinute ?? 5);
  const lock = accountLock(deps.store, deps.config.limits);
  const openApiPaths: OpenApiPaths[] = [AUTH_API_PATHS, AUDIT_API_PATHS, STREAM_API_PATHS];
  let stream: StaffStreamServer | undefined;
  let mounted = false;

  return {
    auth,
    audit: auditLog,
    auditLog,
    users,
    async mount(server, options = {}) {
      if (mounted) throw new Error('staff access is already mounted');
      mounted = true;
      await bootstrapUsers(users, deps.config.bootstrapUsers, logger);
      await tokens.ready();
      openApiPaths.push(...(options.openApiPaths ?? []));
      mountAuthRoutes(server, { users, tokens, auth, audit: auditLog, throttle, lock, logger, trustProxy: deps.config.trustProxy });
      mountAuditRoutes(server, { auth, audit: auditLog, logger });
      mountOpenApi(server, openApiPaths, logger);
      stream = new StaffStreamServer(server.server, { store: deps.store, verifier: auth, sessions: revocations, logger });
      await stream.started();
    },
    addOpenApiPaths(paths) {
      buildOpenApiDocument([...openApiPaths, paths]); // throws on a clash, before the document is served broken
      openApiPaths.push(paths);
    },
    async close() {
      throttle.close();
      await stream?.close();
    },
  };
}

/** BOOTSTRAP_USERS: creates missing accounts, updates role/password of existing ones. */
export async function bootstrapUsers(users: UserRepository, accounts: AccountSpec[], logger: Logger): Promise<void> {
  for (const account of accounts) {
    const { user, outcome } = await users.upsert(account.username, account.role, account.password);
    if (outcome !== 'unchanged')
      logger.info({ user: user.username, role: user.role, agentNo: user.agentNo, outcome }, 'staff account from BOOTSTRAP_USERS');
  }
}
