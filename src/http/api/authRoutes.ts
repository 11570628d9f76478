import type { IncomingMessage } from 'node:http';
import type { Server } from 'restify';
import { z } from 'zod';
import { usernameSchema } from '../../domain/staffAccounts';
import type { AccountLock } from '../../auth/accountLock';
import type { LoginThrottle } from '../../auth/loginThrottle';
import { decoyHash, verifyPassword } from '../../auth/passwords';
import type { AuditLog, StaffAuth } from '../../auth/staffAuth';
import type { StaffTokenService } from '../../auth/staffTokens';
import { bearerToken } from '../../auth/tokenStaffAuth';
import { passwordVersion, type UserRepository } from '../../auth/users';
import type { Logger } from '../../logging/logger';
import { HttpError, route } from '../httpError';
import { validate, validateBody } from '../validate';
import { recordAudited } from './auditedAction';
import { jsonSchema, type OpenApiPaths } from './openapi';

export const LOGIN_PATH = '/api/auth/login';
export const ME_PATH = '/api/auth/me';
export const STAFF_PATH = '/api/staff';

const unlockParams = z.object({ username: usernameSchema });
const unlockResponse = z.object({
  username: z.string(),
  wasLocked: z.boolean().describe('false: it was not locked (the failures were cleared anyway)'),
});
export const LOGOUT_PATH = '/api/auth/logout';

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const loginResponse = z.object({
  token: z.string(),
  role: z.enum(['agent', 'supervisor']),
  username: z.string(),
  agentNo: z.string().describe('工号, e.g. "07"'),
  expiresIn: z.number().int().describe('seconds until the token expires'),
});

/** Logout carries nothing: the token in the Authorization header is the session to end. */
export const logoutBody = z.object({}).strict();

const principalResponse = loginResponse.pick({ role: true, username: true, agentNo: true });

export interface AuthRoutesDeps {
  users: UserRepository;
  tokens: StaffTokenService;
  /** With logout: ends a token on the server (TokenStaffAuth). */
  auth: StaffAuth & { logout(token: string): Promise<{ username: string }> };
  audit: AuditLog;
  throttle: LoginThrottle;
  /** Locks an account after too many wrong passwords from any address (counted in the store). */
  lock: AccountLock;
  logger: Logger;
  /** Take the client address from X-Forwarded-For (TRUST_PROXY). */
  trustProxy: boolean;
}

const WRONG_CREDENTIALS = 'wrong user name or password';

export function mountAuthRoutes(server: Server, deps: AuthRoutesDeps): void {
  server.post(
    LOGIN_PATH,
    route(deps.logger, async (req, res) => {
      const body = validateBody(loginBody, req);
      const name = usernameSchema.safeParse(body.username);
      const username = name.success ? name.data : body.username.trim().toLowerCase();
      const key = `${username}|${clientAddress(req, deps.trustProxy)}`;
      const wait = deps.throttle.retryAfter(key);
      if (wait > 0) {
        res.header('Retry-After', String(wait));
        throw new HttpError(429, 'TooManyAttempts', `too many failed logins for this user; try again in ${wait} s`);
      }
      // Checked before the password, and the same answer whatever the password: a locked
      // account must not tell a guesser that this guess was the right one.
      const lockedFor = await deps.lock.lockedFor(username);
      if (lockedFor > 0) {
        // Each attempt on a locked account still counts against this address, and only the
        // first one per lock is audited: a guesser hammering a locked name cannot fill the trail.
        deps.throttle.fail(key);
        if (await deps.lock.firstAttemptWhileLocked(username)) {
          await deps.audit.record({
            actor: username,
            action: 'login',
            detail: { success: false, locked: true, ip: clientAddress(req, deps.trustProxy) },
          });
        }
        res.header('Retry-After', String(lockedFor));
        throw new HttpError(
          429,
          'AccountLocked',
          `this account is locked after too many failed logins; try again in ${lockedFor} s or ask a supervisor to unlock it`,
        );
      }

      const user = name.success ? await deps.users.get(username) : undefined;
      // An unknown name costs one bcrypt comparison too, so timing does not tell names apart.
      const matches = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !matches) {
        deps.throttle.fail(key);
        if (await deps.lock.recordFailure(username))
          deps.logger.warn({ user: username }, 'staff login: account locked after too many failed logins');
        await deps.audit.record({ actor: username, action: 'login', detail: { success: false, ip: clientAddress(req, deps.trustProxy) } });
        throw new HttpError(401, 'InvalidCredentials', WRONG_CREDENTIALS);
      }
      deps.throttle.succeed(key);
      const issued = await deps.tokens.issue({ sub: user.username, role: user.role, agentNo: user.agentNo, pv: passwordVersion(user) });
      await deps.audit.record({
        actor: user.username,
        action: 'login',
        detail: { success: true, ip: clientAddress(req, deps.trustProxy) },
      });
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, { token: issued.token, role: user.role, username: user.username, agentNo: user.agentNo, expiresIn: issued.expiresIn });
    }),
  );

  // A supervisor lifts a lock (e.g. after the owner confirmed it was them); audited.
  server.post(
    `${STAFF_PATH}/:username/unlock`,
    route(deps.logger, async (req, res) => {
      const staff = await deps.auth.authenticate(req, ['supervisor']);
      const { username } = validate(unlockParams, req.params, 'path');
      if (!(await deps.users.get(username))) throw new HttpError(404, 'UserNotFound', `no staff account ${username}`);
      const wasLocked = await deps.lock.unlock(username);
      await recordAudited(deps.audit, deps.logger, { actor: staff.username, action: 'unlock', detail: { username, wasLocked } });
      res.send(200, { username, wasLocked });
    }),
  );

  server.post(
    LOGOUT_PATH,
    route(deps.logger, async (req, res) => {
      const token = bearerToken(req.headers);
      if (!token)
        throw new HttpError(401, 'MissingToken', 'an Authorization: Bearer <staff token> header is required: it is the session to end');
      // No body is needed; one that is sent must still be well-formed JSON (the strict body reader).
      validateBody(logoutBody, req);
      const { username } = await deps.auth.logout(token);
      // The session has ended already: an audit outage is logged, not answered as a failure.
      await recordAudited(deps.audit, deps.logger, {
        actor: username,
        action: 'logout',
        detail: { ip: clientAddress(req, deps.trustProxy) },
      });
      res.setHeader('Cache-Control', 'no-store');
      res.send(204);
    }),
  );

  server.get(
    ME_PATH,
    route(deps.logger, async (req, res) => {
      const principal = await deps.auth.authenticate(req);
      res.send(200, principal);
    }),
  );
}

/** The client's address for throttling; X-Forwarded-For's last hop only behind our own proxy. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export const AUTH_API_PATHS: OpenApiPaths = {
  [LOGIN_PATH]: {
    post: {
      operationId: 'login',
      tags: ['auth'],
      summary: 'Log in as an agent or supervisor',
      description:
        'Returns a bearer token for every other /api call. Five failed attempts for one user name from one address within a minute ' +
        'block further attempts (429) until the minute has passed. LOGIN_LOCK_FAILURES wrong passwords for one account from any ' +
        'addresses within LOGIN_LOCK_WINDOW_MINUTES lock it for LOGIN_LOCK_MINUTES (429 AccountLocked, the same answer whatever the password).',
      security: [],
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(loginBody) } } },
      responses: {
        200: { description: 'Logged in', content: { 'application/json': { schema: jsonSchema(loginResponse, 'output') } } },
        400: { $ref: '#/components/responses/BadRequest' },
        401: { $ref: '#/components/responses/Unauthorized' },
        429: { $ref: '#/components/responses/TooManyRequests' },
      },
    },
  },
  [`${STAFF_PATH}/{username}/unlock`]: {
    post: {
      operationId: 'unlockStaffAccount',
      tags: ['auth'],
      summary: 'Lift the lock on a staff account after too many failed logins (supervisors; audited)',
      parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'Unlocked', content: { 'application/json': { schema: jsonSchema(unlockResponse, 'output') } } },
        400: { $ref: '#/components/responses/BadRequest' },
        401: { $ref: '#/components/responses/Unauthorized' },
        403: { $ref: '#/components/responses/Forbidden' },
        404: { $ref: '#/components/responses/NotFound' },
      },
    },
  },
  [LOGOUT_PATH]: {
    post: {
      operationId: 'logout',
      tags: ['auth'],
      summary: 'Log out: end this token on the server',
      description:
        'The bearer token stops working at once, on every instance: every /api call with it answers 401 (SessionEnded) and its open ' +
        '/api/stream sockets close with 4001. Other sessions of the same user stay valid. Logging out a token that has already been ' +
        'logged out (or whose account changed) answers 204 too; a token that is not a genuine, unexpired staff token answers 401. ' +
        'The body may be empty or {}. Audited as "logout".',
      requestBody: { required: false, content: { 'application/json': { schema: jsonSchema(logoutBody) } } },
      responses: {
        204: { description: 'The session has ended' },
        400: { $ref: '#/components/responses/BadRequest' },
        401: { $ref: '#/components/responses/Unauthorized' },
      },
    },
  },
  [ME_PATH]: {
    get: {
      operationId: 'whoAmI',
      tags: ['auth'],
      summary: 'The staff member the token belongs to (checks a token)',
      responses: {
        200: { description: 'The principal', content: { 'application/json': { schema: jsonSchema(principalResponse, 'output') } } },
        401: { $ref: '#/components/responses/Unauthorized' },
      },
    },
  },
};
