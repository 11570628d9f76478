import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'restify';
import { HttpError } from '../http/httpError';
import type { StaffAuth, StaffPrincipal, StaffRole } from './staffAuth';
import { StaffTokenError, type StaffTokenClaims, type StaffTokenService } from './staffTokens';
import type { TokenRevocations } from './tokenRevocations';
import { passwordVersion, toPrincipal, type UserRepository } from './users';

/**
 * StaffAuth over signed staff tokens. Every check also reads the account, so a removed account,
 * a changed password or a changed role takes effect on the next request, not when the token
 * expires. The role used is the account's current one. Every check also reads whether the token
 * was logged out (TokenRevocations), so a logout ends it everywhere at once.
 */
export class TokenStaffAuth implements StaffAuth {
  constructor(
    private readonly tokens: StaffTokenService,
    private readonly users: UserRepository,
    private readonly revocations: TokenRevocations,
  ) {}

  async authenticate(req: Request, roles?: StaffRole[]): Promise<StaffPrincipal> {
    const token = bearerToken(req.headers);
    if (!token)
      throw new HttpError(401, 'MissingToken', 'an Authorization: Bearer <staff token> header is required; log in at POST /api/auth/login');
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

  /**
   * Logs the token out (POST /api/auth/logout): from now on it gets 401 on every instance, and
   * its open streams close. A genuine token that no longer works (logged out already, account
   * changed) is ended all the same, so logging out twice is not an error; a token that is not a
   * genuine, unexpired staff token is a 401 like anywhere else: there is nothing to end.
   */
  async logout(token: string): Promise<{ username: string }> {
    const claims = await this.claimsOf(token);
    await this.revocations.revoke(token, claims.exp);
    return { username: claims.sub };
  }

  private async check(token: string): Promise<{ principal: StaffPrincipal; exp: number }> {
    const claims = await this.claimsOf(token);
    const [principal, revoked] = await Promise.all([this.principalFor(claims.sub, claims.pv), this.revocations.isRevoked(token)]);
    if (revoked) throw new HttpError(401, 'SessionEnded', 'this session has been logged out; log in again');
    if (!principal) throw new HttpError(401, 'InvalidToken', 'this session has ended (account changed); log in again');
    return { principal, exp: claims.exp };
  }

  private async claimsOf(token: string): Promise<StaffTokenClaims> {
    try {
      return await this.tokens.verify(token);
    } catch (err) {
      if (err instanceof StaffTokenError) {
        throw new HttpError(401, err.reason === 'expired' ? 'TokenExpired' : 'InvalidToken', err.message);
      }
      throw err;
    }
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
