import { runRetryingWhileStoreUnavailable } from '../../bot/storeRetry';
import type { Logger } from '../../logging/logger';

/**
 * Runs bot turns after the channel has acknowledged the message (the web chat's HTTP answer),
 * one at a time per conversation on this instance.
 *
 * After the answer: Web Chat gives up on a message ("Send failed") when the POST and the echo
 * do not both arrive within its send timeout, and a slow turn (classifier, case creation)
 * must not count against that. One at a time: two quick messages from the same customer
 * would otherwise run the dialogs concurrently and collide on the conversation state's eTag.
 *
 * A turn that fails because the store is away is retried until it is back (the customer was
 * answered 200 for the message, so it must not be dropped); the conversation's later turns wait
 * behind it, so they still run in order.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  enqueue(conversationId: string, turn: () => Promise<void>): void {
    if (this.closed) {
      this.logger.warn({ conversationId }, 'turn dropped during shutdown');
      return;
    }
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous
      .then(() => runRetryingWhileStoreUnavailable(turn, { logger: this.logger, conversationId, stopped: () => this.closed }))
      .catch((err) => this.logger.error({ err, conversationId }, 'bot turn failed'))
      .finally(() => {
        if (this.tails.get(conversationId) === next) this.tails.delete(conversationId);
      });
    this.tails.set(conversationId, next);
  }

  /**
   * Stops taking turns and waits for the running ones, so replies are not lost on shutdown.
   * Turns waiting for the store stop waiting at their next retry (within 2 s).
   */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.tails.size) await Promise.allSettled([...this.tails.values()]);
  }
}
