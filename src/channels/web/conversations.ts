import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../../store/store';

/**
 * Which web conversations exist, kept as Store records so every instance agrees. A record is
 * written when the client starts the conversation (POST /conversations), not when the page asks
 * for a token, so a flood of token requests costs nothing in the store.
 */

export interface WebConversation {
  id: string;
  userId: string;
  userName?: string;
  locale?: string;
  /** Base URL of our Direct Line endpoint when the conversation started (for references). */
  serviceUrl: string;
  startedAt: string;
  /** Client address that started it: the per-address ticket limit counts against it. */
  address?: string;
  /** When the record's lifetime was last renewed (ISO); touch skips renewals closer together than an hour. */
  renewedAt?: string;
}

const KIND = 'directline-conversation';

/** As long as the activity log lives in Redis; renewed whenever the customer writes. */
export const CONVERSATION_TTL_SECONDS = 7 * 24 * 3600;

/** How often an active conversation's record is rewritten to renew its lifetime. */
const RENEW_EVERY_MS = 3600_000;

/** Long enough for one start to finish; only guards against two simultaneous starts. */
const START_LEASE_MS = 30_000;

export class ConversationRegistry {
  constructor(private readonly store: Store) {}

  get(id: string): Promise<WebConversation | undefined> {
    return this.store.getRecord<WebConversation>(KIND, id);
  }

  /**
   * Keeps an active conversation (and so its reference for agents' replies) alive. The record
   * lives a week, so renewing it once an hour is as good as on every message and spares each
   * message a record write.
   */
  async touch(conversation: WebConversation, now = Date.now()): Promise<void> {
    const renewed = conversation.renewedAt ? Date.parse(conversation.renewedAt) : NaN;
    if (now - renewed < RENEW_EVERY_MS) return;
    await this.store.putRecord(
      KIND,
      conversation.id,
      { ...conversation, renewedAt: new Date(now).toISOString() },
      CONVERSATION_TTL_SECONDS,
    );
  }

  /**
   * Creates the record unless it exists. Returns `created: true` to exactly one caller, even
   * when two instances race (the lease is atomic in every store), so the bot greets once.
   */
  async start(conversation: WebConversation): Promise<{ conversation: WebConversation; created: boolean }> {
    const existing = await this.get(conversation.id);
    if (existing) return { conversation: existing, created: false };
    const owner = randomUUID();
    const won = await this.store.acquireLease(`directline-start:${conversation.id}`, owner, START_LEASE_MS);
    if (!won) return { conversation: (await this.get(conversation.id)) ?? conversation, created: false };
    const again = await this.get(conversation.id);
    if (again) return { conversation: again, created: false };
    await this.touch(conversation);
    return { conversation, created: true };
  }
}

/** 128 random bits, URL-safe: unguessable, and safe in paths and Redis keys. */
export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** Generated customer ids carry Direct Line's reserved `dl_` prefix (Web Chat trusts them only in a token). */
export function newUserId(): string {
  return `dl_${randomBytes(16).toString('base64url')}`;
}
