import { ActivityTypes, MemoryStorage, type Activity } from 'botbuilder';
import { loadRecognizer } from '../../intents';
import { EMPTY_MESSAGE_TEXT, TURN_FAILED_TEXT } from '../../dialogs/wording/replies';
import type { HumanHandoffHook } from '../../src/bot/humanHandoffHook';
import { FakeCaseIntake } from '../fakes/fakeCaseIntake';
import { FakeRecognizer } from '../fakes/fakeRecognizer';
import { ConversationDriver, FIXED_NOW, play } from './conversationDriver';

const recognizer = loadRecognizer();
const SIGNAL_COMPLAINT = '我家里手机信号特别差，打电话老掉线';
const ASKS_WHEN = /什么时候|哪天/;
const ASKS_MODEL = /型号/;

function membersAdded(ids: string[]): Partial<Activity> {
  return { type: ActivityTypes.ConversationUpdate, membersAdded: ids.map((id) => ({ id, name: id })) };
}

describe('ComplaintBot at the door', () => {
  test('greets the web-chat customer once, and not when only the bot joins', async () => {
    const d = new ConversationDriver({ recognizer });
    expect(await d.say(membersAdded(['bot']))).toHaveLength(0);
    const greeting = await d.sayText(membersAdded(['bot', 'customer-1']));
    expect(greeting).toMatch(/您好/);
    expect(await d.say(membersAdded(['customer-1']))).toHaveLength(0);
  });

  test('«你好» after the welcome is answered as one who is listening, not with a second 您好', async () => {
    const d = new ConversationDriver({ recognizer });
    expect(await d.sayText(membersAdded(['bot', 'customer-1']))).toMatch(/您好/);
    const reply = await d.sayText('你好');
    expect(reply).not.toMatch(/您好|你好/);
    expect(reply).toMatch(/在的|在听/);
  });

  test('«你好» in the middle of an intake after a greeting is not greeted a second time', async () => {
    const d = new ConversationDriver({ recognizer });
    expect(await d.sayText(membersAdded(['bot', 'customer-1']))).toMatch(/您好/);
    await play(d, [[SIGNAL_COMPLAINT, ASKS_WHEN]]);
    const reply = await d.sayText('你好');
    expect(reply).not.toMatch(/您好|你好/);
    expect(reply).toMatch(/接着[\s\S]*(什么时候|哪天)/);
  });

  test('without a welcome (WeChat) the first «你好» is greeted back once', async () => {
    const d = new ConversationDriver({ recognizer });
    expect(await d.sayText('你好')).toMatch(/您好/);
    expect(await d.sayText('你好')).not.toMatch(/您好/);
  });

  test('an empty or oversized message gets a polite request and the pending question survives', async () => {
    const d = new ConversationDriver({ recognizer });
    await play(d, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['   ', EMPTY_MESSAGE_TEXT],
      ['信号'.repeat(2001), /4000 字/],
      ['从上周开始', ASKS_MODEL],
    ]);
  });

  test('a message of exactly maxMessageChars is read', async () => {
    const d = new ConversationDriver({ recognizer: new FakeRecognizer(), bot: { maxMessageChars: 10 } });
    await play(d, [['一二三四五六七八九十', /没太明白|没理解清楚/]]);
    await play(d, [['一二三四五六七八九十一', /10 字/]]);
  });

  test('an image asks for words, and its reference ends up on the case', async () => {
    const d = new ConversationDriver({ recognizer });
    await play(d, [
      [
        { type: 'message', attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://files.example/abc.jpg', name: 'abc.jpg' }] },
        /图片收到了[\s\S]*文字/,
      ],
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['对', /工单号/],
    ]);
    const [draft] = d.caseIntake.accepted;
    expect(draft.attachments).toEqual([
      { kind: 'image', ref: 'https://files.example/abc.jpg', name: 'abc.jpg', receivedAt: FIXED_NOW.toISOString() },
    ]);
    expect(draft.transcript[0]).toEqual({ from: 'customer', text: '[图片]', at: FIXED_NOW.toISOString() });
  });

  test('channel markers (WeChat voice) and bare links are kept the same way', async () => {
    const d = new ConversationDriver({ recognizer, channelId: 'wechat' });
    await play(d, [
      [{ type: 'message', text: '', channelData: { media: { kind: 'voice', ref: 'wx-msg-42' } } }, /语音收到了/],
      ['https://example.com/bill.png', /链接收到了/],
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['对', (_reply, replies) => expect(replies[0].summary).toMatch(/工单号：TS-/)],
    ]);
    const [draft] = d.caseIntake.accepted;
    expect(draft.channel).toBe('wechat');
    expect(draft.attachments.map((a) => [a.kind, a.ref])).toEqual([
      ['voice', 'wx-msg-42'],
      ['link', 'https://example.com/bill.png'],
    ]);
  });

  test('a restart mid-intake resumes where it stopped (new bot, same storage)', async () => {
    const storage = new MemoryStorage();
    const caseIntake = new FakeCaseIntake(() => FIXED_NOW);
    const before = new ConversationDriver({ recognizer, storage, caseIntake });
    await play(before, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['从上周开始，晚上特别明显', ASKS_MODEL],
    ]);

    const after = new ConversationDriver({ recognizer: loadRecognizer(), storage, caseIntake });
    await play(after, [
      ['iPhone 13', /邻居|其他人/],
      ['邻居也这样', /核对[\s\S]*从上周开始/],
      ['对，就是这样', /工单号/],
    ]);
    const [draft] = caseIntake.accepted;
    expect(draft.issues[0].answers).toMatchObject({ since: '从上周开始，晚上特别明显', phoneModel: 'iPhone 13' });
    expect(draft.transcript.filter((t) => t.from === 'customer')).toHaveLength(5);
  });

  test('if recording the case fails, the customer hears an apology and «对» again succeeds', async () => {
    const d = new ConversationDriver({ recognizer });
    await play(d, [['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/]]);
    d.caseIntake.failNextAccept = true;
    await play(d, [
      ['对', TURN_FAILED_TEXT],
      ['对', /工单号/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(1);
  });

  test('HOOK: while a person owns the case the bot stays silent and relays', async () => {
    const relayed: string[] = [];
    const handoff: HumanHandoffHook = {
      isOwnedByHuman: async () => true,
      relay: async (context) => {
        relayed.push(context.activity.text ?? '');
      },
    };
    const d = new ConversationDriver({ recognizer, bot: { humanHandoff: handoff } });
    expect(await d.say(SIGNAL_COMPLAINT)).toHaveLength(0);
    expect(relayed).toEqual([SIGNAL_COMPLAINT]);
  });

  test('the recognizer runs once per message, however many dialogs read it', async () => {
    const fake = new FakeRecognizer();
    const d = new ConversationDriver({ recognizer: fake });
    await d.say('话费多扣了50元');
    await d.say('上个月');
    expect(fake.heard).toEqual(['话费多扣了50元', '上个月']);
  });
});
