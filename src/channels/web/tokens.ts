import { z } from 'zod';
import { openCompactJwt, signCompactJwt } from '../../privacy/compactJwt';

/**
 * Direct Line tokens, signed by us. They are compact JWTs (HS256) because Web Chat reads the
 * `user` claim out of the token with jwt-decode and then uses it as the sender id of every
 * activity; a token in any other shape would make Web Chat invent a random user id that our
 * from.id check rejects. Signed and opened by src/privacy/compactJwt.ts, like staff tokens.
 */

/** `conversation` tokens authorise the REST calls; `stream` tokens only open one WebSocket. */
export type TokenScope = 'conversation' | 'stream';

export interface TokenClaims {
  /** Conversation the token is bound to. */
  conv: string;
  /** The customer's user id; every activity the holder posts must come from it. */
  user: string;
  scope: TokenScope;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  /** Seconds until the token expires; clients read it as `expires_in`. */
  expiresIn: number;
  claims: TokenClaims;
}

/** `invalid` = not ours or garbled (401); `expired` = ours but too old (403, what DirectLineJS expects). */
export class TokenError extends Error {
  constructor(
    readonly reason: 'invalid' | 'expired',
    message: string,
  ) {
    super(message);
  }
}

const ISSUER = 'complaint-desk/directline';

const claimsSchema = z.object({
  iss: z.literal(ISSUER),
  conv: z.string().min(1),
  user: z.string().min(1),
  scope: z.enum(['conversation', 'stream']),
  iat: z.number().int(),
  exp: z.number().int(),
});

const DIRECT_LINE_FAILURES = {
  malformed: 'token is malformed',
  signature: 'token signature is not valid',
  payload: 'token payload is malformed',
} as const;

export class TokenService {
  private readonly key: Buffer;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    /** Injectable clock so tests can mint tokens that are already expired. */
    private readonly now: () => number = Date.now,
  ) {
    if (!secret || secret.length < 32) throw new Error('web channel: tokenSecret must be at least 32 characters');
    if (!(ttlSeconds > 0)) throw new Error('web channel: tokenTtlSeconds must be positive');
    this.key = Buffer.from(secret, 'utf8');
  }

  issue(conv: string, user: string, scope: TokenScope = 'conversation', ttlSeconds = this.ttlSeconds): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { conv, user, scope, iat, exp: iat + ttlSeconds };
    return { token: signCompactJwt(this.key, { iss: ISSUER, ...claims }), expiresIn: ttlSeconds, claims };
  }

  /** Returns the claims of a genuine, unexpired token of the given scope, or throws TokenError. */
  verify(token: string, scope: TokenScope): TokenClaims {
    const opened = openCompactJwt(this.key, token);
    if (!opened.ok) throw new TokenError('invalid', DIRECT_LINE_FAILURES[opened.failure]);
    const raw = opened.payload;
    const parsed = claimsSchema.safeParse(raw);
    if (!parsed.success) throw new TokenError('invalid', 'token payload is malformed');
    const { iss: _iss, ...claims } = parsed.data;
    if (claims.scope !== scope) throw new TokenError('invalid', `a ${claims.scope} token cannot be used here`);
    if (claims.exp * 1000 <= this.now()) throw new TokenError('expired', 'token has expired');
    return claims;
  }
}
