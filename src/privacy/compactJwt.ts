import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact HS256 JWTs, the one signer and verifier behind both kinds of token the desk issues:
 * staff bearer tokens (src/auth/staffTokens.ts) and customers' Direct Line tokens
 * (src/channels/web/tokens.ts). Each caller keeps its own key, claims schema, issuer and expiry
 * rule; this part only proves that the payload is the one that was signed with that key.
 * No JWT library: three base64url parts and one HMAC are all that is needed, and a library's
 * algorithm negotiation (`alg: none`, RS/HS confusion) is exactly what must not be accepted.
 */

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Why a token was refused: not three parts of ours, a wrong signature, or a payload that is not JSON. */
export type CompactJwtFailure = 'malformed' | 'signature' | 'payload';

export type OpenedJwt = { ok: true; payload: unknown } | { ok: false; failure: CompactJwtFailure };

export function signCompactJwt(key: Buffer, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${HEADER}.${body}.${hs256(key, `${HEADER}.${body}`)}`;
}

/** The payload of a token signed with `key`, still unchecked against any schema or clock. */
export function openCompactJwt(key: Buffer, token: string): OpenedJwt {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, failure: 'malformed' };
  // Compared as text, not as decoded bytes: a base64url decoder accepts padding, stray
  // characters and changed spare bits, and each such variant would be a different string for
  // the same token, one that a logout (keyed by the token's hash) would not end.
  const expected = Buffer.from(hs256(key, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, failure: 'signature' };
  try {
    return { ok: true, payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, failure: 'payload' };
  }
}

function hs256(key: Buffer, input: string): string {
  return createHmac('sha256', key).update(input).digest('base64url');
}
