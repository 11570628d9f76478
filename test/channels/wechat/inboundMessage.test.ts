import { types } from 'wechaty';
import { ATTACHMENT_REF_PREFIX, inboundToActivity } from '../../../src/channels/wechat/activityMapping';
import { readInboundMessage, type InboundMessage } from '../../../src/channels/wechat/inboundMessage';
import { CONTACT_TYPE_OFFICIAL, MESSAGE_TYPE, SCAN_STATUS, type MessageLike } from '../../../src/channels/wechat/wechatyTypes';

function fakeMessage(over: Partial<Record<keyof MessageLike, unknown>> & { roomId?: string; mentioned?: boolean } = {}): MessageLike {
  const { roomId, mentioned, ...rest } = over;
  return {
    id: 'msg-1',
    self: () => false,
    type: () => MESSAGE_TYPE.Text,
    text: () => '我的话费不对',
    talker: () => ({ id: 'wxid_customer', name: () => '张三', type: () => 1 }),
    room: () => (roomId ? { id: roomId } : undefined),
    date: () => new Date('2025-01-01T01:00:00Z'),
    mentionSelf: async () => mentioned ?? false,
    mentionText: async () => '我的话费不对',
    ...rest,
  } as MessageLike;
}

const open = { groups: false, maxChars: 4000 };

describe('wechaty enums mirrored in wechatyTypes', () => {
  it('match the installed wechaty-puppet', () => {
    for (const [name, value] of Object.entries(MESSAGE_TYPE))
      expect((types.Message as unknown as Record<string, number>)[name]).toBe(value);
    for (const [name, value] of Object.entries(SCAN_STATUS))
      expect((types.ScanStatus as unknown as Record<string, number>)[name]).toBe(value);
    expect(types.Contact.Official).toBe(CONTACT_TYPE_OFFICIAL);
  });
});

describe('readInboundMessage', () => {
  it('accepts a 1:1 text', async () => {
    const read = await readInboundMessage(fakeMessage(), open);
    expect(read).toEqual({
      accepted: true,
      message: {
        messageId: 'msg-1',
        kind: 'text',
        text: '我的话费不对',
        truncated: false,
        talkerId: 'wxid_customer',
        talkerName: '张三',
        timestamp: Date.parse('2025-01-01T01:00:00Z'),
      },
    });
  });

  it('ignores the bot itself, official accounts, notices and recalls', async () => {
    expect(await readInboundMessage(fakeMessage({ self: () => true }), open)).toMatchObject({ accepted: false, reason: 'self' });
    expect(
      await readInboundMessage(
        fakeMessage({ talker: () => ({ id: 'gh_news', name: () => '新闻', type: () => CONTACT_TYPE_OFFICIAL }) }),
        open,
      ),
    ).toMatchObject({ reason: 'official-account' });
    expect(await readInboundMessage(fakeMessage({ type: () => MESSAGE_TYPE.Recalled }), open)).toMatchObject({
      reason: 'unsupported-type',
    });
    expect(await readInboundMessage(fakeMessage({ type: () => MESSAGE_TYPE.Unknown }), open)).toMatchObject({ reason: 'unsupported-type' });
    expect(await readInboundMessage(fakeMessage({ text: () => '   ' }), open)).toMatchObject({ reason: 'empty' });
  });

  it('serves a group only when enabled and the bot is @-mentioned, without the mention', async () => {
    const inRoom = { roomId: 'r1@chatroom', mentionText: async () => '帮我查下话费' };
    expect(await readInboundMessage(fakeMessage({ ...inRoom, mentioned: true }), open)).toMatchObject({ reason: 'group-disabled' });
    expect(await readInboundMessage(fakeMessage({ ...inRoom, mentioned: false }), { ...open, groups: true })).toMatchObject({
      reason: 'group-not-mentioned',
    });
    const read = await readInboundMessage(fakeMessage({ ...inRoom, mentioned: true }), { ...open, groups: true });
    expect(read).toMatchObject({ accepted: true, message: { roomId: 'r1@chatroom', text: '帮我查下话费' } });
  });

  it('never throws on a broken message', async () => {
    const broken = fakeMessage({
      talker: () => {
        throw new Error('payload not ready');
      },
    });
    expect(await readInboundMessage(broken, open)).toMatchObject({ accepted: false, reason: 'invalid', detail: 'payload not ready' });
    expect(await readInboundMessage(fakeMessage({ id: '' }), open)).toMatchObject({ accepted: false, reason: 'invalid' });
    expect(await readInboundMessage(fakeMessage({ text: () => undefined }), open)).toMatchObject({ accepted: false, reason: 'empty' });
    expect(await readInboundMessage({} as MessageLike, open)).toMatchObject({ accepted: false, reason: 'invalid' });
  });

  it('keeps a message whose timestamp is missing, and cuts an over-long text', async () => {
    const read = await readInboundMessage(fakeMessage({ date: () => new Date(NaN), text: () => '长'.repeat(50) }), {
      ...open,
      maxChars: 10,
    });
    expect(read).toMatchObject({ accepted: true, message: { text: '长'.repeat(10), truncated: true } });
  });

  it('maps media kinds and keeps the file name', async () => {
    const kinds: Array<[number, string]> = [
      [MESSAGE_TYPE.Image, 'image'],
      [MESSAGE_TYPE.Audio, 'voice'],
      [MESSAGE_TYPE.Video, 'video'],
      [MESSAGE_TYPE.Attachment, 'file'],
      [MESSAGE_TYPE.Emoticon, 'sticker'],
      [MESSAGE_TYPE.Url, 'link'],
      [MESSAGE_TYPE.Location, 'other'],
    ];
    for (const [type, kind] of kinds) {
      const read = await readInboundMessage(
        fakeMessage({ type: () => type, text: () => '<xml/>', payload: { filename: 'bill.pdf' } }),
        open,
      );
      expect(read).toMatchObject({ accepted: true, message: { kind, text: '', fileName: 'bill.pdf' } });
    }
  });
});

describe('inboundToActivity', () => {
  const bot = { id: 'bot-self', name: '移动客服' };
  const base: InboundMessage = {
    messageId: 'm1',
    kind: 'text',
    text: '你好',
    truncated: false,
    talkerId: 'wxid_a',
    talkerName: '张三',
    timestamp: 0,
  };

  it('builds the activity the bot core expects for a 1:1 text', () => {
    const a = inboundToActivity(base, bot);
    expect(a).toMatchObject({
      type: 'message',
      channelId: 'wechat',
      text: '你好',
      from: { id: 'wxid_a', name: '张三', role: 'user' },
      recipient: { id: 'bot-self', name: '移动客服', role: 'bot' },
      conversation: { id: 'wechat:wxid_a', isGroup: false },
    });
    expect(a.attachments).toBeUndefined();
  });

  it('a group message lives in the room conversation but comes from the person', () => {
    const a = inboundToActivity({ ...base, roomId: 'r1@chatroom' }, bot);
    expect(a).toMatchObject({ conversation: { id: 'wechat-room:r1@chatroom', isGroup: true }, from: { id: 'wxid_a' } });
  });

  it('media becomes an attachment reference with no text', () => {
    const a = inboundToActivity({ ...base, kind: 'voice', text: '' }, bot);
    expect(a.text).toBeUndefined();
    expect(a.attachments).toEqual([{ contentType: 'audio/*', contentUrl: `${ATTACHMENT_REF_PREFIX}m1`, name: '语音' }]);
  });

  it('a picked choice arrives as the choice text or value', () => {
    expect(inboundToActivity({ ...base, text: '1' }, bot, { index: 0, choice: { title: '话费', text: 'billing' } })).toMatchObject({
      text: 'billing',
      channelData: { wechat: { choice: { index: 0, reply: '1' } } },
    });
    const submit = inboundToActivity({ ...base, text: '1' }, bot, { index: 0, choice: { title: '补充', value: { action: 'add' } } });
    expect(submit.text).toBeUndefined();
    expect(submit.value).toEqual({ action: 'add' });
  });
});
