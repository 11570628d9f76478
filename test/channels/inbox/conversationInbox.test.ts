import type { Activity } from 'botbuilder';
import { ConversationInbox } from '../../../src/channels/inbox/conversationInbox';
import { TurnQueue } from '../../../src/channels/inbox/turnQueue';
import { createLogger } from '../../../src/logging/logger';
import { MemoryStore } from '../../../src/store/memoryStore';

/**
 * The web inbox on one shared store: what a crash between «message stored» and «bot answered»
 * leaves behind is answered by whichever instance sweeps next, once, in order.
 */
const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function customer(store: MemoryStore, conversationId: string, text: string) {
  return store.appendActivity(conversationId, { type: 'message', id: `${conversationId}|${text}`, text, from: { id: 'u', role: 'user' } });
}

/** An inbox on `store` whose turns are `runTurn`, with its queue. */
function bareInbox(store: MemoryStore, runTurn: (activity: Partial<Activity>) => Promise<void>, sweepMs = 50) {
  const turns = new TurnQueue(logger);
  // The lease is long enough that a loaded machine never lets a running turn's lease lapse.
  const inbox = new ConversationInbox({ name: 'web', store, turns, logger, sweepMs, leaseMs: 2000, runTurn });
  return { inbox, stop: async () => (inbox.close(), await turns.drain()) };
}

/** An instance: its inbox answers each message with one reply that quotes it. */
function instance(store: MemoryStore, answered: string[], name: string, options: { sweepMs?: number; turnMs?: number } = {}) {
  return bareInbox(
    store,
    async (activity) => {
      answered.push(`${name}:${activity.text}`);
      await sleep(options.turnMs ?? 5);
      const conversationId = String(activity.id).split('|')[0];
      await store.appendActivity(conversationId, {
        type: 'message',
        text: `回复${activity.text}`,
        replyToId: activity.id,
        from: { id: 'bot', role: 'bot' },
      });
    },
    options.sweepMs,
  );
}

describe('ConversationInbox', () => {
  it('answers a stored message that no instance was told about (the one that took it died)', async () => {
    const store = new MemoryStore();
    const answered: string[] = [];
    await customer(store, 'c1', '一');
    await customer(store, 'c1', '二');
    // The instance that acknowledged them crashed before its kick: only the mark is left.
    await bareInbox(store, async () => undefined, 60_000).inbox.accept('c1');
    const survivor = instance(store, answered, 'B');
    await waitFor(() => answered.length === 2);
    expect(answered).toEqual(['B:一', 'B:二']);
    await sleep(200);
    expect(answered).toHaveLength(2);
    expect(await store.listRecords('web-inbox')).toEqual([]);
    await survivor.stop();
  });

  it('skips a message whose reply is already in the log: the crash came after the bot spoke', async () => {
    const store = new MemoryStore();
    const answered: string[] = [];
    await customer(store, 'c1', '一');
    await store.appendActivity('c1', { type: 'message', text: '回复一', replyToId: 'c1|一', from: { id: 'bot', role: 'bot' } });
    await customer(store, 'c1', '二');
    const b = instance(store, answered, 'B');
    await b.inbox.accept('c1');
    b.inbox.kick('c1');
    await waitFor(() => answered.length >= 1);
    await sleep(100);
    expect(answered).toEqual(['B:二']);
    await b.stop();
  });

  it('two instances never answer the same conversation at once, and every message once, in order', async () => {
    const store = new MemoryStore();
    const answered: string[] = [];
    const a = instance(store, answered, 'A', { turnMs: 15 });
    const b = instance(store, answered, 'B', { turnMs: 15 });
    const texts = Array.from({ length: 30 }, (_, i) => String(i));
    for (const [i, text] of texts.entries()) {
      await customer(store, 'c1', text);
      const taker = i % 2 ? a : b;
      await taker.inbox.accept('c1');
      taker.inbox.kick('c1');
      await sleep(3);
    }
    await waitFor(() => answered.length >= texts.length);
    await sleep(300);
    expect(answered.map((x) => x.split(':')[1])).toEqual(texts);
    await a.stop();
    await b.stop();
  });

  it('a conversation stays marked while any of its turns runs, also a message that came through another instance meanwhile', async () => {
    const store = new MemoryStore();
    const marked: string[] = [];
    // Each turn looks at the mark while it runs: a crash then would leave the conversation to a sweep.
    const { inbox, stop } = bareInbox(
      store,
      async (activity) => {
        marked.push(`${activity.text}:${(await store.getRecord('web-inbox', 'c1')) ? 'marked' : 'unmarked'}`);
        // During the first turn the customer writes again, and another instance takes it: its
        // kick finds this instance's lease and leaves the message to the loop running here.
        if (activity.text === '一') {
          await customer(store, 'c1', '二');
          await inbox.accept('c1');
        }
      },
      60_000,
    );
    await customer(store, 'c1', '一');
    await inbox.accept('c1');
    inbox.kick('c1');
    await waitFor(() => marked.length >= 2);
    await sleep(50);
    expect(marked).toEqual(['一:marked', '二:marked']);
    // Both answered: nothing is left marked.
    expect(await store.listRecords('web-inbox')).toEqual([]);
    await stop();
  });

  it('goes on after a turn that throws: one failed message does not block the conversation', async () => {
    const store = new MemoryStore();
    const ran: string[] = [];
    const { inbox, stop } = bareInbox(store, async (activity) => {
      ran.push(String(activity.text));
      if (activity.text === '坏') throw new Error('a bug in a dialog');
    });
    await customer(store, 'c1', '坏');
    await customer(store, 'c1', '好');
    await inbox.accept('c1');
    inbox.kick('c1');
    await waitFor(() => ran.length >= 2);
    await sleep(150);
    expect(ran).toEqual(['坏', '好']);
    await stop();
  });
});

async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await sleep(10);
  }
}
