import { FileBox } from 'file-box';
import { types } from 'wechaty';
import { createWechatChannel } from '../../../src/channels/wechat';
import { CHOICES_HEADER } from '../../../src/channels/text/outboundText';
import { MemoryStore } from '../../../src/store/memoryStore';
import { FLOOD_NOTICE_TEXT } from '../../../dialogs/wording/replies';
import { CATEGORY_ACTIONS } from '../../fakes/wechatIntakeBot';
import { wechatLogCapture } from '../../fakes/wechatLogCapture';
import { MOCK_QR_VALUE, waitUntil, WechatMockWorld } from '../../fakes/wechatMockWorld';
import { startHarness, stopHarness, type Harness } from './wechatChannelHarness';

jest.setTimeout(30_000);

describe('WeChat channel on wechaty-puppet-mock (memory store)', () => {
  let store: MemoryStore;
  let h: Harness | undefined;

  beforeEach(() => {
    store = new MemoryStore();
  });
  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
    await store.close();
  });

  it('logs in as leader and answers a text with numbered choices', async () => {
    h = await startHarness(store);
    expect(h.channel.status()).toMatchObject({ enabled: true, role: 'leader', login: 'logged-in', user: '移动客服' });
    const customer = h.world.customer('wxid_zhang', '张三');
    h.world.say(customer, '你好，我要投诉');
    const [reply] = await h.world.waitForInbox('wxid_zhang', 1);
    expect(reply.text).toBe(`您好，这里是移动客服。请问您要反映哪一类问题？\n\n${CHOICES_HEADER}\n1. 话费账单\n2. 网络信号`);
    expect(h.bot.seen[0]).toMatchObject({
      channelId: 'wechat',
      text: '你好，我要投诉',
      conversation: { id: 'wechat:wxid_zhang' },
      from: { id: 'wxid_zhang', name: '张三' },
      recipient: { id: 'bot-self' },
    });
  });

  it('runs a whole intake: "1" reaches the bot as the first choice, and the receipt arrives as text with the ticket id', async () => {
    h = await startHarness(store);
    const customer = h.world.customer('wxid_li', '李四');
    h.world.say(customer, '我要投诉');
    await h.world.waitForInbox('wxid_li', 1);
    h.world.say(customer, '1');
    await h.world.waitForInbox('wxid_li', 2);
    expect(h.bot.seen[1]).toMatchObject({ text: CATEGORY_ACTIONS[0].value, channelData: { wechat: { choice: { index: 0, reply: '1' } } } });
    h.world.say(customer, '上个月多扣了50元');
    const inbox = await h.world.waitForInbox('wxid_li', 3);
    const receipt = inbox[2].text;
    const { ticketId } = h.bot.receipts[0];
    expect(receipt).toContain(ticketId);
    expect(receipt).toContain('2025年1月2日 09:00');
    expect(receipt).not.toMatch(/AdaptiveCard|\{/);
    // After the receipt "1" is plain text again: the choices belonged to the earlier question.
    h.world.say(customer, '1');
    await h.world.waitForInbox('wxid_li', 4);
    expect(h.bot.seen[3].text).toBe('1');
  });

  it('acknowledges images, voice, stickers and links and hands the bot an attachment reference', async () => {
    h = await startHarness(store);
    const customer = h.world.customer('wxid_wang');
    h.world.sendFile(customer, FileBox.fromBase64(Buffer.from('fake jpeg').toString('base64'), 'bill.jpg'));
    await h.world.waitForInbox('wxid_wang', 1);
    const voiceId = h.world.sendRaw(customer, types.Message.Audio);
    await h.world.waitForInbox('wxid_wang', 2);
    h.world.sendRaw(customer, types.Message.Emoticon);
    h.world.sendRaw(customer, types.Message.Url);
    const inbox = await h.world.waitForInbox('wxid_wang', 4);
    expect(inbox.every((m) => m.text.includes('请用文字简单描述'))).toBe(true);

    const [image, voice, sticker, link] = h.bot.seen;
    expect(image.text).toBeUndefined();
    expect(image.attachments).toEqual([{ contentType: 'image/*', contentUrl: `wechat-message:${image.id}`, name: '图片' }]);
    expect(voice.attachments).toEqual([{ contentType: 'audio/*', contentUrl: `wechat-message:${voiceId}`, name: '语音' }]);
    expect(sticker.attachments![0].contentType).toBe('application/vnd.wechat.sticker');
    expect(link.attachments![0].contentType).toBe('text/uri-list');
  });

  it('a chat over its message limit: the rest are not handled, the customer hears it once, other chats go on', async () => {
    h = await startHarness(store, { messagesPerConversationPerMinute: 3 });
    const flooder = h.world.customer('wxid_flood');
    for (let i = 0; i < 10; i++) h.world.say(flooder, `第${i}条`);
    await waitUntil(() => h!.world.inbox('wxid_flood').some((m) => m.text === FLOOD_NOTICE_TEXT), 10_000, 'the flood notice');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.bot.seen.filter((a) => a.from.id === 'wxid_flood')).toHaveLength(3);
    expect(h.world.inbox('wxid_flood').filter((m) => m.text === FLOOD_NOTICE_TEXT)).toHaveLength(1);
    // Counted per chat: another customer is not limited by the flood.
    const other = h.world.customer('wxid_calm');
    h.world.say(other, '我要投诉');
    await h.world.waitForInbox('wxid_calm', 1);
    expect(h.bot.seen.filter((a) => a.from.id === 'wxid_calm')).toHaveLength(1);
  });

  it('splits a long reply into WeChat-sized messages, in order', async () => {
    h = await startHarness(store, { messageChars: 200 });
    const customer = h.world.customer('wxid_zhao');
    h.world.say(customer, '长回复');
    await waitUntil(() => h!.world.inbox('wxid_zhao').length >= 4, 5000);
    await new Promise((r) => setTimeout(r, 300));
    const parts = h.world.inbox('wxid_zhao').map((m) => m.text);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(Array.from(p).length).toBeLessThanOrEqual(200);
    expect(parts[0].startsWith('第1段')).toBe(true);
    expect(parts.join('\n\n')).toContain('第12段');
    expect(parts.join('\n\n').indexOf('第11段')).toBeLessThan(parts.join('\n\n').indexOf('第12段'));
  });

  it('ignores group chats unless groups are enabled and the bot is @-mentioned', async () => {
    h = await startHarness(store, { groups: false });
    const customer = h.world.customer('wxid_qian');
    const room = h.world.room('room-1@chatroom', [customer]);
    customer.say('@移动客服 我要投诉', [h.world.botUser]).to(room);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.bot.seen).toHaveLength(0);
    await stopHarness(h);

    const world = new WechatMockWorld();
    h = await startHarness(store, { groups: true }, { world });
    const member = world.customer('wxid_sun');
    const group = world.room('room-2@chatroom', [member]);
    member.say('大家好').to(group);
    member.say('@移动客服 我要投诉', [world.botUser]).to(group);
    await waitUntil(() => world.roomTexts(group).length >= 1, 5000, 'a reply in the group');
    expect(h.bot.seen).toHaveLength(1);
    expect(h.bot.seen[0]).toMatchObject({
      text: '我要投诉',
      conversation: { id: 'wechat-room:room-2@chatroom', isGroup: true },
      from: { id: 'wxid_sun' },
    });
    expect(world.roomTexts(group)[0]).toContain(CHOICES_HEADER);
  });

  it('survives malformed and unknown messages and keeps serving', async () => {
    h = await startHarness(store);
    const customer = h.world.customer('wxid_zhou');
    h.world.puppet.emit('message', { messageId: 'does-not-exist' });
    h.world.sendRaw(customer, 99);
    h.world.sendRaw(customer, types.Message.Recalled);
    h.world.puppet.emit('error', { data: 'transient puppet hiccup' });
    await new Promise((r) => setTimeout(r, 200));
    h.world.say(customer, '还在吗');
    await h.world.waitForInbox('wxid_zhou', 1);
    expect(h.bot.seen).toHaveLength(1);
    expect(h.channel.status()).toMatchObject({ login: 'logged-in' });
  });

  it('shows the QR code to staff and in the terminal until someone scans it', async () => {
    const printed: string[] = [];
    const world = new WechatMockWorld();
    h = await startHarness(store, { printQr: (v) => printed.push(v) }, { world, autoLogin: false });
    await waitUntil(() => world.puppet.state.active() === true, 5000, 'puppet start');
    expect(h.channel.status()).toMatchObject({ role: 'leader', login: 'logged-out' });
    world.mocker.scan(MOCK_QR_VALUE, types.ScanStatus.Waiting);
    await waitUntil(() => h!.channel.status().login === 'scan-qr', 2000);
    expect(h.channel.status().qrcodeUrl).toBe(MOCK_QR_VALUE);
    expect(printed).toEqual([MOCK_QR_VALUE]);
    world.mocker.login(world.botUser);
    await waitUntil(() => h!.channel.status().login === 'logged-in', 2000);
    expect(h.channel.status().qrcodeUrl).toBeUndefined();
  });

  it('reconnects with backoff after a logout, says so in the logs, and serves again', async () => {
    h = await startHarness(store, { reconnectInitialMs: 300, reconnectMaxMs: 5000 });
    const customer = h.world.customer('wxid_wu');
    await h.world.puppet.logout('kicked out by test');
    await waitUntil(() => h!.channel.status().login === 'reconnecting', 2000, 'reconnecting');
    expect(h.channel.status().lastError).toContain('logged out');
    await waitUntil(() => h!.channel.status().login === 'logged-in', 5000, 'login again');
    expect(h.world.logins).toBe(2);
    const reconnectLog = h.logs.lines.find((l) => l.msg === 'WeChat disconnected; reconnecting after a pause');
    expect(reconnectLog).toMatchObject({ level: 40, reason: expect.stringContaining('logged out') });
    expect(Number(reconnectLog!.delayMs)).toBeGreaterThanOrEqual(240);
    h.world.say(customer, '你好');
    await h.world.waitForInbox('wxid_wu', 1);
  });

  it('lets an agent push a message to a WeChat customer', async () => {
    h = await startHarness(store);
    h.world.customer('wxid_zheng');
    await h.channel.adapter.sendToConversation('wechat:wxid_zheng', { type: 'message', text: '客服小王：您好，我来跟进您的工单。' });
    const [m] = await h.world.waitForInbox('wxid_zheng', 1);
    expect(m.text).toBe('客服小王：您好，我来跟进您的工单。');
    await expect(h.channel.adapter.sendToConversation('web:abc', { type: 'message', text: 'x' })).rejects.toThrow(
      /not a WeChat conversation/,
    );
  });

  it('apologises instead of going silent when the bot fails', async () => {
    h = await startHarness(
      store,
      {},
      {
        makeBot: () => ({
          logic: async () => {
            throw new Error('dialog exploded');
          },
          seen: [],
          receipts: [],
        }),
      },
    );
    const customer = h.world.customer('wxid_feng');
    h.world.say(customer, '你好');
    const [m] = await h.world.waitForInbox('wxid_feng', 1);
    expect(m.text).toContain('抱歉');
    expect(h.logs.lines.some((l) => l.msg === 'WeChat turn failed' && l.err === 'dialog exploded')).toBe(true);
  });

  it('with production pacing the first reply arrives within 2 seconds', async () => {
    h = await startHarness(store, {
      contactPerMinute: 20,
      globalPerMinute: 60,
      typingCharsPerSecond: 15,
      minTypingMs: undefined,
      maxTypingMs: undefined,
      firstReplyMaxMs: undefined,
      globalMinGapMs: undefined,
    });
    const customer = h.world.customer('wxid_chen');
    const t0 = Date.now();
    h.world.say(customer, '我的手机没信号了');
    const [reply] = await h.world.waitForInbox('wxid_chen', 1, 3000);
    const ms = reply.at - t0;

    console.log(`WeChat first reply after ${ms} ms`);
    expect(ms).toBeLessThan(2000);
  });
});

describe('WeChat channel without a puppet', () => {
  it('is off, starts and stops as a no-op, and refuses to send', async () => {
    const store = new MemoryStore();
    const { logger } = wechatLogCapture();
    const channel = createWechatChannel({
      bot: async () => undefined,
      store,
      logger,
      instanceId: 'i',
      options: { groups: false, contactPerMinute: 20, globalPerMinute: 60, typingCharsPerSecond: 15, messageChars: 600 },
    });
    await channel.start();
    expect(channel.status()).toEqual({ enabled: false, role: 'off', login: 'logged-out', queued: 0 });
    await expect(channel.adapter.sendToConversation('wechat:x', { type: 'message', text: 'hi' })).rejects.toThrow(/off/);
    await channel.stop();
    await store.close();
  });
});
