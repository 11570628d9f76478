import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { openCompactJwt, signCompactJwt } from '../privacy/compactJwt';
import { roleSchema } from '../domain/staffAccounts';
import type { StaffRole } from './staffAuth';

/**
 * Staff bearer tokens: compact HS256 JWTs with their own issuer and type, signed with a key of
 * their own. A customer's Direct Line token (issuer complaint-desk/directline, another key)
 * fails the signature check here, and would fail the issuer and type checks even if the keys
 * were the same.
 */

export const STAFF_TOKEN_ISSUER = 'complaint-desk/staff';
const TOKEN_TYPE = 'staff';

export interface StaffTokenClaims {
  /** User name. */
  sub: string;
  role: StaffRole;
  agentNo: string;
  /** Password version: a token dies when its user's password changes. */
  pv: string;
  /**
   * Token id, random: two logins of one user in one second get different tokens, so logging out
   * one (which revokes that token) leaves the other alone. Optional for tokens issued before it.
   */
  jti?: string;
  iat: number;
  exp: number;
}

export class StaffTokenError extends Error {
  constructor(
    readonly reason: 'invalid' | 'expired',
    message: string,
  ) {
    super(message);
  }
}

const claimsSchema = z.object({
  iss: z.literal(STAFF_TOKEN_ISSUER),
  typ: z.literal(TOKEN_TYPE),
  sub: z.string().min(1),
  role: roleSchema,
  agentNo: z.string().regex(/^\d{2,3}$/),
  pv: z.string().min(1),
  jti: z.string().min(1).max(64).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

const STAFF_FAILURES = {
  malformed: 'token is malformed',
  signature: 'not a valid staff token',
  payload: 'token payload is malformed',
} as const;

export class StaffTokenService {
  private key?: Promise<Buffer>;

  constructor(
    /** The signing key; asked for once, on first use (it may come from the shared store). */
    private readonly loadKey: () => Promise<Buffer>,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ttlSeconds > 0)) throw new Error('staff tokens: ttlSeconds must be positive');
  }

  /** Loads the key now (startup), so a store problem shows before the first login. */
  async ready(): Promise<void> {
    await this.signingKey();
  }

  private signingKey(): Promise<Buffer> {
    // A failed load is retried on the next use rather than remembered.
    this.key ??= this.loadKey().catch((err: unknown) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  async issue(
    claims: Omit<StaffTokenClaims, 'iat' | 'exp' | 'jti'>,
  ): Promise<{ token: string; expiresIn: number; claims: StaffTokenClaims }> {
    const iat = Math.floor(this.now() / 1000);
    const full: StaffTokenClaims = { ...claims, jti: randomBytes(16).toString('base64url'), iat, exp: iat + this.ttlSeconds };
    const token = signCompactJwt(await this.signingKey(), { iss: STAFF_TOKEN_ISSUER, typ: TOKEN_TYPE, ...full });
    return { token, expiresIn: this.ttlSeconds, claims: full };
  }

  /** The claims of a genuine, unexpired staff token, or StaffTokenError. */
  async verify(token: string): Promise<StaffTokenClaims> {
    const opened = openCompactJwt(await this.signingKey(), token);
    if (!opened.ok) throw new StaffTokenError('invalid', STAFF_FAILURES[opened.failure]);
    const raw = opened.payload;
    const parsed = claimsSchema.safeParse(raw);
    if (!parsed.success) throw new StaffTokenError('invalid', 'not a staff token');
    const { iss: _iss, typ: _typ, ...claims } = parsed.data;
    if (claims.exp * 1000 <= this.now()) throw new StaffTokenError('expired', 'token has expired; log in again');
    return claims;
  }
}

/**
 * The staff signing key. With TOKEN_SECRET it is derived from it (domain-separated, so it
 * differs from the Direct Line key); otherwise instances sharing a store agree on one random
 * key kept there, like the Direct Line secret but under its own record.
 */
export async function staffTokenKey(tokenSecret: string | undefined, sharedSecret: () => Promise<string>): Promise<Buffer> {
  if (tokenSecret) return createHmac('sha256', tokenSecret).update('complaint-desk staff tokens v1').digest();
  return Buffer.from(await sharedSecret(), 'utf8');
}
