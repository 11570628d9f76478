import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { newUserId } from './conversations';
import { publicOrigin } from './publicUrl';

/**
 * Who a web customer is, decided by the server alone. The page never names its user: a
 * returning browser is recognised by a long-lived cookie holding a customer id we generated
 * and an HMAC over it, so nobody can claim another customer's id (and with it their earlier
 * tickets, which a complaint about the same matter would reopen and follow).
 */

export const CUSTOMER_COOKIE = 'cd_customer';

/** Domain separation: the cookie key differs from the Direct Line and staff token keys made from the same secret. */
const KEY_LABEL = 'complaint-desk web customer identity v1';

/** `dl_` + 128 random bits (newUserId), a dot, then the base64url HMAC-SHA256 (43 characters). */
const cookieValue = z
  .string()
  .regex(/^dl_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/)
  .transform((v) => ({ customerId: v.slice(0, v.indexOf('.')), signature: v.slice(v.indexOf('.') + 1) }));

export class CustomerIdentity {
  private readonly key: Buffer;
  private readonly maxAgeSeconds: number;

  constructor(tokenSecret: string, cookieDays: number) {
    if (!tokenSecret) throw new Error('web channel: customer identity needs the token secret');
    if (!(cookieDays > 0)) throw new Error('web channel: customer cookie lifetime must be positive');
    this.key = createHmac('sha256', tokenSecret).update(KEY_LABEL).digest();
    this.maxAgeSeconds = Math.round(cookieDays * 86400);
  }

  /**
   * The customer id of this browser: the one its cookie proves, or a new one. Either way the
   * cookie is (re)sent, so a returning customer's lifetime starts again. A missing, garbled or
   * forged cookie is never an error: it is simply not believed.
   */
  recognise(req: IncomingMessage, res: ServerResponse): { customerId: string; returning: boolean } {
    const proven = this.verify(cookieFrom(req.headers.cookie, CUSTOMER_COOKIE));
    const customerId = proven ?? newUserId();
    res.setHeader('Set-Cookie', this.cookieHeader(customerId, publicOrigin(req).http.startsWith('https:')));
    return { customerId, returning: proven !== undefined };
  }

  /** The cookie value that proves `customerId` (for the header, and for tests). */
  sign(customerId: string): string {
    return `${customerId}.${this.signature(customerId)}`;
  }

  /** The customer id a cookie value proves, or undefined. */
  verify(value: string | undefined): string | undefined {
    const parsed = cookieValue.safeParse(value);
    if (!parsed.success) return undefined;
    const { customerId, signature } = parsed.data;
    // Compared as text, not decoded bytes: the last base64url character carries two spare bits,
    // and a changed spare bit must not pass as the same signature.
    const expected = Buffer.from(this.signature(customerId));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? customerId : undefined;
  }

  private signature(customerId: string): string {
    return createHmac('sha256', this.key).update(`customer:${customerId}`).digest('base64url');
  }

  private cookieHeader(customerId: string, secure: boolean): string {
    // HttpOnly: page scripts (and anything injected into them) cannot read or copy it.
    // Lax: sent when the customer follows a link to the chat, not on other sites' requests.
    return [
      `${CUSTOMER_COOKIE}=${this.sign(customerId)}`,
      `Max-Age=${this.maxAgeSeconds}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }
}

/** One cookie's value from a Cookie header (the first of that name), without a library. */
export function cookieFrom(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
