import type { Logger } from '../logging/logger';
import { isStoreUnavailable } from '../store/storeUnavailable';

/**
 * Runs a bot turn again and again while it fails only because the store is away, so a message
 * the customer was already told we received is answered once the store is back instead of
 * being dropped. Waits grow from 250 ms to 2 s (Redis reconnects within about a second of
 * coming back). Any other failure, and `stopped()` turning true (shutdown), ends the retries.
 *
 * The turn runs again from the conversation's last saved state: a turn that the outage cut
 * off halfway may repeat the replies it had already sent, which beats never answering.
 */
export async function runRetryingWhileStoreUnavailable(
  turn: () => Promise<void>,
  options: { logger: Logger; conversationId: string; stopped: () => boolean; firstDelayMs?: number; maxDelayMs?: number },
): Promise<void> {
  let delay = options.firstDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 2000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await turn();
      if (attempt > 1) options.logger.info({ conversationId: options.conversationId, attempt }, 'bot turn ran after the store came back');
      return;
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      if (options.stopped()) {
        options.logger.warn(
          { conversationId: options.conversationId, attempt },
          'bot turn not run: shutting down while the store is unavailable',
        );
        return;
      }
      if (attempt === 1) options.logger.warn({ conversationId: options.conversationId }, 'bot turn waits for the store to come back');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}
