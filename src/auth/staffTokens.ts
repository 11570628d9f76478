import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { roleSchema } from './accountRules';
import type { StaffRole } from './staffAuth';

/**
 * Staff bearer tokens: compact HS256 JWTs with their own issuer and type, signed with a key of
 * their own. A customer's Direct Line token (issuer complaint-desk/directline, another key)
 * fails the signature check here, and would fail the issuer and type checks even if the keys
 * were the same.
 */

export const STAFF_TOKEN_ISSUER = 'complaint-desk/staff';
const TOKEN_TYPE = 'staff';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

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
  constructor(readonly reason: 'invalid' | 'expired', message: string) {
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

  async issue(claims: Omit<StaffTokenClaims, 'iat' | 'exp' | 'jti'>): Promise<{ token: string; expiresIn: number; claims: StaffTokenClaims }> {
    const iat = Math.floor(this.now() / 1000);
    const full: StaffTokenClaims = { ...claims, jti: randomBytes(16).toString('base64url'), iat, exp: iat + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify({ iss: STAFF_TOKEN_ISSUER, typ: TOKEN_TYPE, ...full })).toString('base64url');
    const signature = await this.sign(`${HEADER}.${payload}`);
    return { token: `${HEADER}.${payload}.${signature}`, expiresIn: this.ttlSeconds, claims: full };
  }

  /** The claims of a genuine, unexpired staff token, or StaffTokenError. */
  async verify(token: string): Promise<StaffTokenClaims> {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) throw new StaffTokenError('invalid', 'token is malformed');
    // Compared as text, not as decoded bytes: a base64url decoder accepts padding, stray
    // characters and changed spare bits, and each such variant would be a different string
    // for the same token, one that a logout (keyed by the token's hash) does not end.
    const expected = Buffer.from(await this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new StaffTokenError('invalid', 'not a valid staff token');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new StaffTokenError('invalid', 'token payload is malformed');
    }
    const parsed = claimsSchema.safeParse(raw);
    if (!parsed.success) throw new StaffTokenError('invalid', 'not a staff token');
    const { iss: _iss, typ: _typ, ...claims } = parsed.data;
    if (claims.exp * 1000 <= this.now()) throw new StaffTokenError('expired', 'token has expired; log in again');
    return claims;
  }

  private async sign(input: string): Promise<string> {
    return createHmac('sha256', await this.signingKey()).update(input).digest('base64url');
  }
}

/**
 * The staff signing key. With TOKEN_SECRET it is derived from it (domain-separated, so it
 * differs from the Direct Line key); otherwise instances sharing a store agree on one random
 * key kept there, like the Direct Line secret but under its own record.
 */
export async function staffTokenKey(
  tokenSecret: string | undefined,
  sharedSecret: () => Promise<string>,
): Promise<Buffer> {
  if (tokenSecret) return createHmac('sha256', tokenSecret).update('complaint-desk staff tokens v1').digest();
  return Buffer.from(await sharedSecret(), 'utf8');
}
