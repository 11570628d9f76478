import { NotReadyError, OutboundQueue, type OutboundQueueOptions } from '../../../src/channels/wechat/outboundQueue';
import { typingDelayMs } from '../../../src/channels/wechat/pacing';
import { WechatFakeClock } from '../../fakes/wechatFakeClock';
import { wechatLogCapture } from '../../fakes/wechatLogCapture';

interface Sent {
  chatId: string;
  text: string;
  at: number;
}

const MINUTE = 60_000;
/** The channel's documented defaults (env.ts) with the queue's own defaults. */
const SAFE = { contactPerMinute: 20, globalPerMinute: 60, typingCharsPerSecond: 15 };

function setup(options: Partial<OutboundQueueOptions> = {}, send?: (chatId: string, text: string) => Promise<void>) {
  const clock = new WechatFakeClock();
  const sent: Sent[] = [];
  const { logger, lines } = wechatLogCapture();
  const queue = new OutboundQueue({
    ...SAFE,
    clock,
    logger,
    send: async (chatId, text) => {
      if (send) await send(chatId, text);
      sent.push({ chatId, text, at: clock.now() });
    },
    ...options,
  });
  return { clock, sent, queue, lines };
}

/** The most sends that fall in any rolling window of `windowMs` (half-open, as the limiter counts). */
function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < times.length; i++) max = Math.max(max, times.filter((t) => t > times[i] - windowMs && t <= times[i]).length);
  return max;
}

const pace = { typingCharsPerSecond: 15, minTypingMs: 600, maxTypingMs: 4000 };

describe('OutboundQueue (virtual time)', () => {
  it('delivers a burst of 30 replies to one customer, in order, within the per-contact rate and typing pace', async () => {
    const { clock, sent, queue } = setup();
    queue.resume();
    const start = clock.now();
    const texts = Array.from({ length: 30 }, (_, i) => `第${i + 1}条回复：${'您好'.repeat(i % 7)}`);
    queue.enqueue('wxid_a', texts);
    expect(queue.size).toBe(30);
    await clock.runUntil(() => sent.length === 30, 10 * MINUTE, 250);

    expect(sent.map((s) => s.text)).toEqual(texts);
    const times = sent.map((s) => s.at);
    expect(times[0] - start).toBeLessThanOrEqual(1000);
    expect(maxInWindow(times, MINUTE)).toBe(20);
    for (let i = 1; i < sent.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(typingDelayMs(sent[i].text, pace));
    }
    // The 21st message waits for the first to leave the rolling minute.
    expect(times[20] - times[0]).toBeGreaterThanOrEqual(MINUTE);
    expect(queue.size).toBe(0);
  });

  it('keeps several customers within the global rate and the global gap, each in order', async () => {
    const { clock, sent, queue } = setup({ contactPerMinute: 20, globalPerMinute: 40, globalMinGapMs: 300 });
    queue.resume();
    const chats = ['wxid_a', 'wxid_b', 'wxid_c'];
    for (const chat of chats)
      queue.enqueue(
        chat,
        Array.from({ length: 30 }, (_, i) => `${chat}#${i + 1}`),
      );
    await clock.runUntil(() => sent.length === 90, 20 * MINUTE, 500);

    expect(sent).toHaveLength(90);
    const all = sent.map((s) => s.at);
    expect(maxInWindow(all, MINUTE)).toBeLessThanOrEqual(40);
    for (let i = 1; i < all.length; i++) expect(all[i] - all[i - 1]).toBeGreaterThanOrEqual(300);
    for (const chat of chats) {
      const mine = sent.filter((s) => s.chatId === chat);
      expect(mine.map((s) => s.text)).toEqual(Array.from({ length: 30 }, (_, i) => `${chat}#${i + 1}`));
      expect(
        maxInWindow(
          mine.map((s) => s.at),
          MINUTE,
        ),
      ).toBeLessThanOrEqual(20);
    }
    // Fair share: nobody waits for another customer's whole backlog.
    const firstOf = (chat: string) => sent.find((s) => s.chatId === chat)!.at - sent[0].at;
    expect(Math.max(...chats.map(firstOf))).toBeLessThan(2000);
  });

  it('answers a quiet customer within a second, even when the reply is long', async () => {
    const { clock, sent, queue } = setup();
    queue.resume();
    const t0 = clock.now();
    queue.enqueue('wxid_a', ['您好！'.repeat(40)]);
    await clock.runUntil(() => sent.length === 1, 5000, 50);
    expect(sent[0].at - t0).toBeLessThanOrEqual(1000);
    expect(sent[0].at - t0).toBeGreaterThanOrEqual(600);
  });

  it('holds messages while paused (not logged in) and sends them after resume', async () => {
    const { clock, sent, queue } = setup();
    queue.enqueue('wxid_a', ['一', '二']);
    await clock.advance(10_000);
    expect(sent).toHaveLength(0);
    queue.resume();
    await clock.runUntil(() => sent.length === 2, 10_000);
    expect(sent.map((s) => s.text)).toEqual(['一', '二']);
  });

  it('retries a failed send without reordering, and gives up only after the last attempt', async () => {
    let failures = 2;
    const { clock, sent, queue, lines } = setup({ maxAttempts: 3, retryBaseMs: 1000 }, async (_chat, text) => {
      if (text === '坏' || (text === '一' && failures-- > 0)) throw new Error('network');
    });
    queue.resume();
    queue.enqueue('wxid_a', ['一', '二']);
    queue.enqueue('wxid_b', ['坏', '好']);
    await clock.runUntil(() => sent.length === 3, 60_000);
    expect(sent.filter((s) => s.chatId === 'wxid_a').map((s) => s.text)).toEqual(['一', '二']);
    expect(sent.filter((s) => s.chatId === 'wxid_b').map((s) => s.text)).toEqual(['好']);
    expect(queue.stats).toEqual({ sent: 3, failed: 1, retries: 4 });
    expect(lines.some((l) => l.level === 50 && String(l.msg).includes('giving up'))).toBe(true);
  });

  it('a "not logged in" failure spends no attempt', async () => {
    let notReady = 5;
    const { clock, sent, queue } = setup({ maxAttempts: 1, retryBaseMs: 500 }, async () => {
      if (notReady-- > 0) throw new NotReadyError('later');
    });
    queue.resume();
    queue.enqueue('wxid_a', ['一']);
    await clock.runUntil(() => sent.length === 1, 60_000);
    expect(sent).toHaveLength(1);
    expect(queue.stats.failed).toBe(0);
  });

  it('drain() waits for the queue and close() leaves no timer behind', async () => {
    const { clock, queue } = setup();
    queue.resume();
    queue.enqueue('wxid_a', ['一', '二', '三']);
    const drained = queue.drain(60_000);
    await clock.runUntil(() => queue.size === 0, 60_000);
    await expect(drained).resolves.toBe(true);
    queue.enqueue('wxid_a', ['四']);
    expect(queue.close()).toBe(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
