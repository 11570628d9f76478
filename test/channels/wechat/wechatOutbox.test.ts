import { OutboundQueue } from '../../../src/channels/wechat/outboundQueue';
import { realClock } from '../../../src/channels/wechat/clock';
import { WechatOutbox } from '../../../src/channels/wechat/wechatOutbox';
import { createLogger } from '../../../src/logging/logger';
import { MemoryStore } from '../../../src/store/memoryStore';

/**
 * The durable WeChat outbox on one shared store: replies wait in the log while no instance can
 * send, a new leader sends what the old one left, and nothing WeChat took is sent again.
 */
const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An instance's sending side: a paced queue (fast) whose sends land in `wechat`, unless `failing`. */
function sender(wechat: string[], name: string, options: { failing?: () => boolean; gapMs?: number } = {}) {
  const queue = new OutboundQueue({
    clock: realClock,
    logger,
    contactPerMinute: 600,
    globalPerMinute: 6000,
    typingCharsPerSecond: 1000,
    minTypingMs: 1,
    maxTypingMs: 2,
    firstReplyMaxMs: 1,
    globalMinGapMs: options.gapMs ?? 1,
    retryBaseMs: 5,
    maxAttempts: 3,
    send: async (chatId, text) => {
      if (options.failing?.()) throw new Error('WeChat refused');
      wechat.push(`${name}>${chatId}:${text}`);
    },
  });
  queue.resume();
  return queue;
}

describe('WechatOutbox', () => {
  it('keeps replies made while nobody holds the login and sends them, in order, once a leader appears', async () => {
    const store = new MemoryStore();
    const wechat: string[] = [];
    const standby = new WechatOutbox({ store, logger, sweepMs: 20 });
    await standby.append('wechat:wxid_a', ['一', '二'], 'm1');
    await standby.append('wechat:wxid_b', ['甲']);
    await standby.append('wechat:wxid_a', ['三']);
    await sleep(50);
    expect(wechat).toEqual([]);

    const leader = new WechatOutbox({ store, logger, sweepMs: 20 });
    leader.lead(sender(wechat, 'L'));
    await waitFor(() => wechat.length === 4);
    expect(wechat.filter((w) => w.includes('wxid_a'))).toEqual(['L>wxid_a:一', 'L>wxid_a:二', 'L>wxid_a:三']);
    expect(wechat).toContain('L>wxid_b:甲');
    await sleep(80);
    expect(wechat).toHaveLength(4);
    expect(await store.listRecords('wechat-outbox')).toEqual([]);
    leader.standDown();
  });

  it('a new leader sends what the old one had not, and nothing WeChat already took', async () => {
    const store = new MemoryStore();
    const wechat: string[] = [];
    const a = new WechatOutbox({ store, logger, sweepMs: 20 });
    // Slow enough to be cut off with replies still queued.
    const queueA = sender(wechat, 'A', { gapMs: 60 });
    a.lead(queueA);
    await a.append('wechat:wxid_a', ['1', '2', '3']);
    a.kick('wechat:wxid_a');
    await waitFor(() => wechat.length >= 1);
    // A loses the login with replies still queued: they stay in the store.
    a.standDown();
    queueA.clear();
    await sleep(30);
    const sentByA = wechat.length;
    expect(sentByA).toBeLessThan(3);
    await a.append('wechat:wxid_a', ['4']);

    const b = new WechatOutbox({ store, logger, sweepMs: 20 });
    b.lead(sender(wechat, 'B'));
    await waitFor(() => wechat.length === 4);
    await sleep(80);
    expect(wechat.map((w) => w.split(':')[1])).toEqual(['1', '2', '3', '4']);
    expect(wechat.slice(sentByA).every((w) => w.startsWith('B>'))).toBe(true);
    b.standDown();
  });

  it('moves past a message WeChat refuses for good, so the conversation is not stuck behind it', async () => {
    const store = new MemoryStore();
    const wechat: string[] = [];
    let refuse = true;
    const outbox = new WechatOutbox({ store, logger, sweepMs: 20 });
    outbox.lead(sender(wechat, 'L', { failing: () => refuse }));
    await outbox.append('wechat:wxid_a', ['发不出去']);
    outbox.kick('wechat:wxid_a');
    await sleep(100);
    refuse = false;
    await outbox.append('wechat:wxid_a', ['下一条']);
    outbox.kick('wechat:wxid_a');
    await waitFor(() => wechat.length === 1);
    expect(wechat).toEqual(['L>wxid_a:下一条']);
    outbox.standDown();
  });
});

async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await sleep(5);
  }
}
