import type { IncomingMessage } from 'node:http';
import type { Server } from 'restify';
import { z } from 'zod';
import { usernameSchema } from '../../auth/accountRules';
import type { LoginThrottle } from '../../auth/loginThrottle';
import { decoyHash, verifyPassword } from '../../auth/passwords';
import type { AuditLog, StaffAuth } from '../../auth/staffAuth';
import type { StaffTokenService } from '../../auth/staffTokens';
import { passwordVersion, type UserRepository } from '../../auth/users';
import type { Logger } from '../../logging/logger';
import { HttpError, route } from '../httpError';
import { validateBody } from '../validate';
import { jsonSchema, type OpenApiPaths } from './openapi';

export const LOGIN_PATH = '/api/auth/login';
export const ME_PATH = '/api/auth/me';

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

const principalResponse = loginResponse.pick({ role: true, username: true, agentNo: true });

export interface AuthRoutesDeps {
  users: UserRepository;
  tokens: StaffTokenService;
  auth: StaffAuth;
  audit: AuditLog;
  throttle: LoginThrottle;
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

      const user = name.success ? await deps.users.get(username) : undefined;
      // An unknown name costs one bcrypt comparison too, so timing does not tell names apart.
      const matches = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !matches) {
        deps.throttle.fail(key);
        await deps.audit.record({ actor: username, action: 'login', detail: { success: false, ip: clientAddress(req, deps.trustProxy) } });
        throw new HttpError(401, 'InvalidCredentials', WRONG_CREDENTIALS);
      }
      deps.throttle.succeed(key);
      const issued = await deps.tokens.issue({ sub: user.username, role: user.role, agentNo: user.agentNo, pv: passwordVersion(user) });
      await deps.audit.record({ actor: user.username, action: 'login', detail: { success: true, ip: clientAddress(req, deps.trustProxy) } });
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, { token: issued.token, role: user.role, username: user.username, agentNo: user.agentNo, expiresIn: issued.expiresIn });
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
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((h) => h.trim()).filter(Boolean);
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
        'block further attempts (429) until the minute has passed.',
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
