import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'restify';
import { HttpError } from '../http/httpError';
import type { StaffAuth, StaffPrincipal, StaffRole } from './staffAuth';
import { StaffTokenError, type StaffTokenService } from './staffTokens';
import { passwordVersion, toPrincipal, type UserRepository } from './users';

/**
 * StaffAuth over signed staff tokens. Every check also reads the account, so a removed account,
 * a changed password or a changed role takes effect on the next request, not when the token
 * expires. The role used is the account's current one.
 */
export class TokenStaffAuth implements StaffAuth {
  constructor(
    private readonly tokens: StaffTokenService,
    private readonly users: UserRepository,
  ) {}

  async authenticate(req: Request, roles?: StaffRole[]): Promise<StaffPrincipal> {
    const token = bearerToken(req.headers);
    if (!token) throw new HttpError(401, 'MissingToken', 'an Authorization: Bearer <staff token> header is required; log in at POST /api/auth/login');
    const { principal } = await this.check(token);
    if (roles && roles.length > 0 && !roles.includes(principal.role)) {
      throw new HttpError(403, 'Forbidden', `this needs the ${roles.join(' or ')} role; you are ${principal.role}`);
    }
    return principal;
  }

  async verifyToken(token: string): Promise<StaffPrincipal | undefined> {
    return (await this.verifyWithExpiry(token))?.principal;
  }

  /** The principal and the token's expiry (seconds since the epoch), for long-lived sockets. */
  async verifyWithExpiry(token: string): Promise<{ principal: StaffPrincipal; exp: number } | undefined> {
    try {
      return await this.check(token);
    } catch (err) {
      if (err instanceof HttpError) return undefined;
      throw err;
    }
  }

  private async check(token: string): Promise<{ principal: StaffPrincipal; exp: number }> {
    let claims;
    try {
      claims = await this.tokens.verify(token);
    } catch (err) {
      if (err instanceof StaffTokenError) {
        throw new HttpError(401, err.reason === 'expired' ? 'TokenExpired' : 'InvalidToken', err.message);
      }
      throw err;
    }
    const principal = await this.principalFor(claims.sub, claims.pv);
    if (!principal) throw new HttpError(401, 'InvalidToken', 'this session has ended (account changed); log in again');
    return { principal, exp: claims.exp };
  }

  private async principalFor(username: string, pv: string): Promise<StaffPrincipal | undefined> {
    const user = await this.users.get(username);
    if (!user || passwordVersion(user) !== pv) return undefined;
    return toPrincipal(user);
  }
}

/** `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
