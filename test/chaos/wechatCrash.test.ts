import type { LoggedActivity } from '../../src/store/store';
import { PrivateRedis } from '../helpers/redisServer';
import { WechatService } from './wechatService';

/**
 * kill -9 of the instance holding the WeChat login, under load: two instances on one real Redis,
 * WeChat played by this test (wechatServiceMain.cjs: the mock puppet in each instance, the
 * "servers" here), customers writing in all along, the leader killed with SIGKILL three times
 * (mid-turn and mid-send: customers never wait for answers, the outbound queue is always busy)
 * and started again. Like a real puppet after a reconnect, WeChat delivers again whatever the
 * bot had not stored when it died.
 *
 * Counted afterwards from the conversations' WeChat logs and from what WeChat received:
 * every stored customer message answered, exactly once, in order; every reply in the log
 * received, in order; a reply received twice only where a leader died between WeChat taking it
 * and the cursor write, so at most one per kill.
 */
jest.setTimeout(240_000);

const CUSTOMERS = 10;
const MESSAGES_EACH = 20;
const KILLS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MESSAGES = [
  '我家宽带老是断线，好几天了',
  '在朝阳区建国路88号家里',
  '上周一开始的',
  '光猫重启过了没用',
  '没有报修单号',
  '对，就是这样',
  '你好',
  '还有个事，这个月话费多扣了20元',
];

interface Said {
  id: string;
  contactId: string;
  text: string;
  /** Stored in the conversation's log: from then on the bot owes it an answer. */
  stored: boolean;
  lastSentAt: number;
}

describe('WeChat through kill -9 of the instance holding the login', () => {
  let redis: PrivateRedis | undefined;
  const services: WechatService[] = [];

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await redis?.destroy();
  });

  it('loses no stored message or reply, answers each once, and keeps the order', async () => {
    redis = await PrivateRedis.start();
    // Sends 20 ms apart at least: about the rate replies are made, so a backlog builds and kills land mid-send.
    const contactIds = Array.from({ length: CUSTOMERS }, (_, i) => `wxid_crash_${String(i).padStart(3, '0')}`);
    const env = { REDIS_URL: redis.url, MESSAGES_PER_CONVERSATION_PER_MINUTE: '1000', SEND_GAP_MS: '20', CONTACTS: contactIds.join(',') };
    const received = new Map<string, string[]>();
    const onSent = (to: string, text: string) => received.set(to, [...(received.get(to) ?? []), text]);
    let generation = 0;
    const start = async () => {
      const s = await WechatService.start(`instance-${++generation}`, env, onSent);
      services.push(s);
      return s;
    };
    await start();
    await start();
    const live = () => services.filter((s) => s.alive);
    const leader = async (): Promise<WechatService | undefined> => {
      for (const s of live()) {
        const status = await s.status();
        if (status?.role === 'leader' && status.login === 'logged-in') return s;
      }
      return undefined;
    };
    const waitForLeader = async () => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const l = await leader();
        if (l) return l;
        if (Date.now() > deadline)
          throw new Error(`no instance logged in to WeChat:\n${services.map((s) => s.output.join('\n')).join('\n---\n')}`);
        await sleep(100);
      }
    };
    let current = await waitForLeader();

    const said: Said[] = [];
    /** WeChat hands a message to whichever instance holds the login; none: it waits, as WeChat's servers would. */
    const deliver = async (m: Said) => {
      m.lastSentAt = Date.now();
      await current.request({ type: 'say', contactId: m.contactId, id: m.id, text: m.text }).catch(() => undefined);
    };
    const storedIds = async (contactId: string): Promise<Set<string> | undefined> => {
      const log = await current.request<LoggedActivity[]>({ type: 'log', contactId }).catch(() => undefined);
      if (log === undefined) return undefined;
      // Named in full if it ever happens again: once, under a loaded full run, the answer was not a list.
      if (!Array.isArray(log)) throw new Error(`the log of ${contactId} came back as ${JSON.stringify(log).slice(0, 500)}`);
      return new Set(log.filter((e) => e.activity.type === 'message').map((e) => String(e.activity.id)));
    };
    /** Checks which messages are stored; delivers again those still missing after a while (a reconnecting puppet's redelivery). */
    const reconcile = async () => {
      for (const contactId of contactIds) {
        const open = said.filter((m) => m.contactId === contactId && !m.stored);
        if (!open.length) continue;
        const stored = await storedIds(contactId);
        if (!stored) return;
        for (const m of open) {
          if (stored.has(m.id)) m.stored = true;
          else if (Date.now() - m.lastSentAt > 2000) await deliver(m);
        }
      }
    };

    let killing = true;
    let killsMidSend = 0;
    const senders = contactIds.map(async (contactId, i) => {
      for (let k = 0; k < MESSAGES_EACH || killing; k++) {
        const m: Said = {
          id: `m-${i}-${k}`,
          contactId,
          text: `${MESSAGES[(i + k) % MESSAGES.length]}（${i}-${k}）`,
          stored: false,
          lastSentAt: 0,
        };
        said.push(m);
        await deliver(m);
        await sleep(250 + ((i * 7 + k * 13) % 200));
      }
    });
    const reconciler = (async () => {
      while (killing || said.some((m) => !m.stored)) {
        await reconcile();
        await sleep(300);
      }
    })();
    const killer = (async () => {
      for (let n = 0; n < KILLS; n++) {
        await sleep(2500);
        const victim = await waitForLeader();
        if (((await victim.status())?.queued ?? 0) > 0) killsMidSend++;
        await victim.kill9();
        await start();
        current = await waitForLeader();
      }
      await sleep(1000);
      killing = false;
    })();
    await Promise.all([killer, ...senders]);
    await reconciler;

    // Every stored message answered, every logged reply received: wait for the last of them.
    let logs = new Map<string, LoggedActivity[]>();
    const deadline = Date.now() + 90_000;
    for (;;) {
      current = await waitForLeader();
      logs = new Map(
        await Promise.all(
          contactIds.map(async (id) => [id, await current.request<LoggedActivity[]>({ type: 'log', contactId: id })] as const),
        ),
      );
      const answered = new Set([...logs.values()].flat().map((e) => e.activity.replyToId));
      const allAnswered = said.every((m) => answered.has(m.id));
      const allReceived = contactIds.every((id) => (received.get(id) ?? []).length >= outboundTexts(logs.get(id)!).length);
      if ((allAnswered && allReceived) || Date.now() > deadline) break;
      await sleep(500);
    }

    const entries = [...logs.values()].flat();
    const inbound = entries.filter((e) => e.activity.type === 'message');
    const replies = entries.filter((e) => e.activity.type === 'outbound' && e.activity.replyToId);
    const answered = new Set(replies.map((e) => e.activity.replyToId));
    const unanswered = said.filter((m) => !answered.has(m.id));
    const storedTwice = inbound.length - new Set(inbound.map((e) => e.activity.id)).size;
    // A turn run twice says the same thing twice to the same message.
    const seen = new Set<string>();
    const answeredTwice = replies.filter((e) => {
      const key = `${e.activity.replyToId}\u0000${e.activity.text}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    }).length;
    const answersOutOfOrder = contactIds.filter((id) => {
      const log = logs.get(id)!;
      const answeredOrder = [...new Set(log.filter((e) => e.activity.replyToId).map((e) => String(e.activity.replyToId)))];
      const askedOrder = log
        .filter((e) => e.activity.type === 'message')
        .map((e) => String(e.activity.id))
        .filter((id2) => answeredOrder.includes(id2));
      return answeredOrder.join() !== askedOrder.join();
    }).length;
    const delivery = contactIds.map((id) => compareDelivery(outboundTexts(logs.get(id)!), received.get(id) ?? []));
    const repliesLost = delivery.reduce((n, d) => n + d.missing, 0);
    const repliesTwice = delivery.reduce((n, d) => n + d.repeated, 0);
    const deliveredOutOfOrder = delivery.filter((d) => !d.inOrder).length;

    const sentByBot = [...received.values()].reduce((n, texts) => n + texts.length, 0);
    process.stderr.write(
      `wechat-crash: customer messages ${said.length} (stored ${inbound.length - storedTwice}), unanswered ${unanswered.length}, stored twice ${storedTwice}, answered twice ${answeredTwice}, ` +
        `answers out of order ${answersOutOfOrder}; replies logged ${entries.length - inbound.length}, received ${sentByBot}, lost ${repliesLost}, ` +
        `received twice ${repliesTwice}, conversations delivered out of order ${deliveredOutOfOrder}; kills ${KILLS} (${killsMidSend} with replies queued)\n`,
    );
    expect(said.length).toBeGreaterThanOrEqual(CUSTOMERS * MESSAGES_EACH);
    expect(sentByBot).toBeGreaterThanOrEqual(CUSTOMERS * MESSAGES_EACH);
    expect({ unanswered: unanswered.length, storedTwice, answeredTwice, answersOutOfOrder, repliesLost, deliveredOutOfOrder }).toEqual({
      unanswered: 0,
      storedTwice: 0,
      answeredTwice: 0,
      answersOutOfOrder: 0,
      repliesLost: 0,
      deliveredOutOfOrder: 0,
    });
    // The one message WeChat may get twice: taken by WeChat, its leader dead before the cursor moved.
    expect(repliesTwice).toBeLessThanOrEqual(KILLS);
    expect(services.filter((s) => s.exit?.signal === 'SIGKILL')).toHaveLength(KILLS);
  });
});

function outboundTexts(log: LoggedActivity[]): string[] {
  return log.filter((e) => e.activity.type === 'outbound').map((e) => String(e.activity.text));
}

/**
 * Walks what WeChat received against what the log says was to be sent: in order, each once; an
 * immediate repeat of the message just received counts as `repeated`, anything else breaks the order.
 */
function compareDelivery(expected: string[], got: string[]): { missing: number; repeated: number; inOrder: boolean } {
  // The bot says the same words to many messages, so texts do not name a message: what was to be
  // sent must be a subsequence of what arrived (greedy matching finds one if any exists), and
  // whatever arrived beyond it was sent twice.
  let j = 0;
  for (const text of got) if (j < expected.length && text === expected[j]) j++;
  return { missing: expected.length - j, repeated: got.length - j, inOrder: j === expected.length };
}
