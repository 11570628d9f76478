import { createLogger } from '../../../src/logging/logger';
import { TurnQueue } from '../../../src/channels/inbox/turnQueue';
import { StoreUnavailableError } from '../../../src/store/store';

/** The web channel's turn queue through a store outage: turns wait and run in order, none is dropped. */
describe('TurnQueue during a store outage', () => {
  const logger = createLogger('silent');

  it('retries a turn while the store is unavailable, keeping later turns of the conversation behind it', async () => {
    const queue = new TurnQueue(logger);
    const ran: string[] = [];
    let storeBack = false;
    queue.enqueue('c1', async () => {
      if (!storeBack) throw new StoreUnavailableError('redis main connection is reconnecting');
      ran.push('first');
    });
    queue.enqueue('c1', async () => {
      ran.push('second');
    });
    queue.enqueue('c2', async () => {
      ran.push('other conversation');
    });
    await new Promise((r) => setTimeout(r, 600));
    // The other conversation is not held up; this one's second turn waits for its first.
    expect(ran).toEqual(['other conversation']);
    storeBack = true;
    const started = Date.now();
    while (ran.length < 3 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual(['other conversation', 'first', 'second']);
  });

  it('retries an unavailable store wrapped the way the dialogs wrap errors', async () => {
    const queue = new TurnQueue(logger);
    let attempts = 0;
    queue.enqueue('c1', async () => {
      attempts += 1;
      if (attempts < 3) throw Object.assign(new Error('dialog failed'), { error: new StoreUnavailableError('x') });
    });
    await new Promise((r) => setTimeout(r, 1200));
    expect(attempts).toBe(3);
  });

  it('does not retry other failures, and stops retrying when drained', async () => {
    const queue = new TurnQueue(logger);
    let buggy = 0;
    let waiting = 0;
    queue.enqueue('c1', async () => {
      buggy += 1;
      throw new Error('a bug');
    });
    queue.enqueue('c2', async () => {
      waiting += 1;
      throw new StoreUnavailableError('down for good');
    });
    await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    await queue.drain();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(buggy).toBe(1);
    expect(waiting).toBeGreaterThanOrEqual(2);
  });
});
