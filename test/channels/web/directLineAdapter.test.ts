import { ActivityTypes, type TurnContext } from 'botbuilder';
import { TokenError, TokenService, UnknownConversationError } from '../../../src/channels/web';
import { startConversation, startWebServer, TEST_SECRET, waitFor, type RunningWebServer } from './helpers/webServer';

/** The adapter as the bot core and the handoff router will use it. */
describe('DirectLineAdapter', () => {
  let web: RunningWebServer;
  let turnLogic: (context: TurnContext) => Promise<void> = async () => undefined;

  beforeAll(async () => {
    web = await startWebServer({ bot: (context) => turnLogic(context) });
  });

  afterAll(async () => {
    await web.close();
  });

  async function transcript(conversationId: string) {
    const log = await web.store.readActivities(conversationId, -1);
    return log.map((e) => e.activity as Record<string, unknown>);
  }

  async function postText(s: { conversationId: string; token: string }, text: string) {
    const res = await fetch(`${web.url}/v3/directline/conversations/${s.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text }),
    });
    expect(res.status).toBe(200);
  }

  it('gives the bot a Direct Line turn context and stores what it sends', async () => {
    const contexts: Record<string, unknown>[] = [];
    turnLogic = async (context) => {
      if (context.activity.type !== 'message') return;
      contexts.push({
        channelId: context.activity.channelId,
        conversation: context.activity.conversation.id,
        from: context.activity.from,
        recipient: context.activity.recipient,
        serviceUrl: context.activity.serviceUrl,
        locale: context.activity.locale,
      });
      await context.sendActivities([
        { type: ActivityTypes.Typing },
        { type: 'delay', value: 10 },
        { type: ActivityTypes.Trace, name: 'debug', value: { secret: 'internal' } },
        {
          type: ActivityTypes.Message,
          text: '好的',
          suggestedActions: { to: [], actions: [{ type: 'imBack', title: '转人工', value: '转人工' }] },
        },
      ]);
    };
    const s = await startConversation(web.url);
    await postText(s, '你好');
    await waitFor(async () => (await transcript(s.conversationId)).some((a) => a.text === '好的'), 5000, 'reply');

    expect(contexts[0]).toEqual({
      channelId: 'directline',
      conversation: s.conversationId,
      from: expect.objectContaining({ id: s.userId, role: 'user' }),
      recipient: expect.objectContaining({ id: 'complaint-desk', name: '投诉助手' }),
      serviceUrl: `${web.url}/v3/directline`,
      locale: undefined,
    });
    const log = await transcript(s.conversationId);
    expect(log.map((a) => a.type)).toEqual(['message', 'typing', 'message']);
    expect(log.some((a) => a.type === 'trace')).toBe(false);
    const reply = log[2];
    expect(reply.from).toEqual({ id: 'complaint-desk', name: '投诉助手', role: 'bot' });
    expect(reply.suggestedActions).toBeDefined();
    expect(typeof reply.id).toBe('string');
    expect(typeof reply.timestamp).toBe('string');
    expect(new Set(log.map((a) => a.id)).size).toBe(log.length);
  });

  it('runs turns of one conversation one after another', async () => {
    const order: string[] = [];
    turnLogic = async (context) => {
      if (context.activity.type !== 'message') return;
      order.push(`start ${context.activity.text}`);
      await new Promise((r) => setTimeout(r, context.activity.text === '一' ? 150 : 0));
      order.push(`end ${context.activity.text}`);
    };
    const s = await startConversation(web.url);
    await Promise.all([postText(s, '一'), postText(s, '二')]);
    await waitFor(() => order.length === 4, 5000, 'both turns');
    expect(order).toEqual(['start 一', 'end 一', 'start 二', 'end 二']);
  });

  it('continues a conversation proactively (an agent replying later)', async () => {
    turnLogic = async () => undefined;
    const s = await startConversation(web.url);
    const reference = await web.channel.adapter.getConversationReference(s.conversationId);
    expect(reference.user).toEqual(expect.objectContaining({ id: s.userId }));
    await web.channel.adapter.continueConversation(reference, async (context) => {
      expect(context.activity.type).toBe('event');
      await context.sendActivity('客服小王：您好，我来处理您的投诉');
    });
    await web.channel.adapter.sendToConversation(s.conversationId, {
      type: 'message',
      from: { id: 'agent:wang', name: '客服小王', role: 'user' },
      text: '请问还有其他问题吗？',
    });
    const log = await transcript(s.conversationId);
    expect(log.map((a) => a.text)).toEqual(['客服小王：您好，我来处理您的投诉', '请问还有其他问题吗？']);
    // An agent speaks under their own name but always on the bot's side.
    expect(log[1].from).toEqual({ id: 'agent:wang', name: '客服小王', role: 'bot' });
    expect(log[1].recipient).toEqual(expect.objectContaining({ id: s.userId }));
  });

  it('reports a failed proactive turn to its caller instead of apologising to the customer', async () => {
    const s = await startConversation(web.url);
    const reference = await web.channel.adapter.getConversationReference(s.conversationId);
    await expect(
      web.channel.adapter.continueConversation(reference, async () => {
        throw new Error('agent relay failed');
      }),
    ).rejects.toThrow('agent relay failed');
    expect((await transcript(s.conversationId)).some((a) => /抱歉/.test(String(a.text)))).toBe(false);
  });

  it('refuses to write into a conversation that does not exist', async () => {
    await expect(web.channel.adapter.sendToConversation('no-such-conversation', { text: 'x' })).rejects.toBeInstanceOf(
      UnknownConversationError,
    );
    await expect(web.channel.adapter.getConversationReference('no-such-conversation')).rejects.toBeInstanceOf(UnknownConversationError);
  });

  it('says clearly that sent activities cannot be updated or deleted', async () => {
    const adapter = web.channel.adapter;
    await expect(adapter.updateActivity({} as TurnContext, {})).rejects.toThrow(/not supported/);
    await expect(adapter.deleteActivity({} as TurnContext, {})).rejects.toThrow(/not supported/);
  });
});

describe('TokenService', () => {
  it('issues JWT-shaped tokens whose user claim Web Chat can read, and verifies them', () => {
    const tokens = new TokenService(TEST_SECRET, 600);
    const { token, expiresIn, claims } = tokens.issue('conv-1', 'dl_user');
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user).toBe('dl_user');
    expect(expiresIn).toBe(600);
    expect(tokens.verify(token, 'conversation')).toEqual(claims);
  });

  it('rejects tampering, other keys, wrong scope and expiry with the right reason', () => {
    const tokens = new TokenService(TEST_SECRET, 600);
    const { token } = tokens.issue('conv-1', 'dl_user');
    const [h, p, sig] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), conv: 'conv-2' })).toString(
      'base64url',
    );
    const reason = (fn: () => unknown) => {
      try {
        fn();
        return 'accepted';
      } catch (err) {
        return err instanceof TokenError ? err.reason : 'crashed';
      }
    };
    expect(reason(() => tokens.verify(`${h}.${otherPayload}.${sig}`, 'conversation'))).toBe('invalid');
    expect(reason(() => tokens.verify(`${h}.${p}.${sig}x`, 'conversation'))).toBe('invalid');
    expect(reason(() => tokens.verify('a.b', 'conversation'))).toBe('invalid');
    expect(reason(() => tokens.verify('', 'conversation'))).toBe('invalid');
    expect(reason(() => tokens.verify(token, 'stream'))).toBe('invalid');
    expect(reason(() => new TokenService(`${TEST_SECRET}-other`, 600).verify(token, 'conversation'))).toBe('invalid');
    const old = new TokenService(TEST_SECRET, 60, () => Date.now() - 61_000).issue('conv-1', 'dl_user');
    expect(reason(() => tokens.verify(old.token, 'conversation'))).toBe('expired');
  });

  it('refuses a short secret', () => {
    expect(() => new TokenService('short', 600)).toThrow(/32 characters/);
  });
});
