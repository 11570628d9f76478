import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Store, Unsubscribe } from '../store/store';

/**
 * Logged-out staff tokens. A token is signed and lives STAFF_TOKEN_TTL_SECONDS; logging out
 * writes a revocation record that every staff request (and /api/stream, when it connects and at
 * each heartbeat) checks, so the token stops working at once on every instance sharing the store:
 *
 *   staff-token-revoked/<token id> → {revokedAt}, with a TTL of the token's remaining life
 *
 * (after that the signature check refuses the token anyway, so the record is not needed). The
 * id is a SHA-256 of the token: no claim had to be added to tokens already issued, and the
 * store never holds a usable token. The logout is also published on SESSIONS_TOPIC so that
 * every instance closes that token's open streams right away, not at its next heartbeat.
 */

const REVOKED_KIND = 'staff-token-revoked';
export const SESSIONS_TOPIC = 'staff-sessions';

const sessionEndedSchema = z.object({ revoked: z.string().min(1).max(64) });

/** What identifies a token in revocation records and messages (never the token itself). */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class TokenRevocations {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Ends the token until `exp` (its expiry, seconds since the epoch). A store failure is thrown: the caller must not claim a logout that did not happen. */
  async revoke(token: string, exp: number): Promise<void> {
    const id = tokenId(token);
    const ttlSeconds = Math.max(1, exp - Math.floor(this.now() / 1000));
    await this.store.putRecord(REVOKED_KIND, id, { revokedAt: new Date(this.now()).toISOString() }, ttlSeconds);
    // Open streams elsewhere also close at their next heartbeat re-check, so a lost message only delays that.
    await this.store.publish(SESSIONS_TOPIC, { revoked: id }).catch(() => undefined);
  }

  async isRevoked(token: string): Promise<boolean> {
    return (await this.store.getRecord(REVOKED_KIND, tokenId(token))) !== undefined;
  }

  /** Calls `ended` with the id of every token logged out on any instance. */
  subscribe(ended: (id: string) => void): Promise<Unsubscribe> {
    return this.store.subscribe(SESSIONS_TOPIC, (message) => {
      const parsed = sessionEndedSchema.safeParse(message);
      if (parsed.success) ended(parsed.data.revoked);
    });
  }
}
