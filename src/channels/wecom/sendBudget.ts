import { z } from 'zod';
import type { Store } from '../../store/store';

/**
 * WeCom's rule for customer service: after the customer's last message the account may send
 * for 48 hours, at most 5 messages; the customer's next message opens a new window. Counted here,
 * in the store, per customer, so no instance ever asks WeCom for a sixth message: the window
 * record is written by whoever reads the customer's message, the count of each window by the one
 * sender of that conversation (its outbox lease), keyed by the message that opened the window
 * (WeCom's times are whole seconds: two messages in one second are still two windows), so a new
 * window never loses its reset to a sender still counting the old one.
 */

export const WINDOW_MS = 48 * 3600 * 1000;
export const MESSAGES_PER_WINDOW = 5;
const WINDOW_KIND = 'wecom-window';
const SENT_KIND = 'wecom-window-sent';
const TTL_SECONDS = 8 * 24 * 3600;

const windowSchema = z.object({ openedAt: z.number(), by: z.string() });
const sentSchema = z.object({ sent: z.number().int().nonnegative() });

export type BudgetState =
  | { open: true; openedAt: number; closesAt: number; remaining: number; window: string }
  | { open: false; reason: 'window-closed' | 'budget-spent' | 'never-opened'; openedAt?: number; window?: string };

export class SendBudget {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** The customer wrote message `msgid` (at `sentAt`): a fresh window of 48 hours and 5 messages. */
  async opened(externalUserId: string, sentAt: number, msgid: string): Promise<void> {
    const current = windowSchema.safeParse(await this.store.getRecord(WINDOW_KIND, externalUserId));
    if (current.success && (current.data.openedAt > sentAt || current.data.by === msgid)) return;
    await this.store.putRecord(WINDOW_KIND, externalUserId, { openedAt: sentAt, by: msgid }, TTL_SECONDS);
  }

  async state(externalUserId: string): Promise<BudgetState> {
    const window = windowSchema.safeParse(await this.store.getRecord(WINDOW_KIND, externalUserId));
    if (!window.success) return { open: false, reason: 'never-opened' };
    const { openedAt, by } = window.data;
    const key = `${externalUserId}:${by}`;
    if (this.now() >= openedAt + WINDOW_MS) return { open: false, reason: 'window-closed', openedAt, window: key };
    const sent = sentSchema.safeParse(await this.store.getRecord(SENT_KIND, key));
    const remaining = MESSAGES_PER_WINDOW - (sent.success ? sent.data.sent : 0);
    if (remaining <= 0) return { open: false, reason: 'budget-spent', openedAt, window: key };
    return { open: true, openedAt, closesAt: openedAt + WINDOW_MS, remaining, window: key };
  }

  /** One message of the window went out (called by the conversation's one sender). */
  async spend(window: string): Promise<void> {
    const key = window;
    const sent = sentSchema.safeParse(await this.store.getRecord(SENT_KIND, key));
    await this.store.putRecord(SENT_KIND, key, { sent: (sent.success ? sent.data.sent : 0) + 1 }, TTL_SECONDS);
  }

  /** WeCom refused for the window (another sender, a clock apart): count it as spent. */
  async exhaust(window: string): Promise<void> {
    await this.store.putRecord(SENT_KIND, window, { sent: MESSAGES_PER_WINDOW }, TTL_SECONDS);
  }
}
