import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient, DialogTestLogger } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs';
import { loadRecognizer } from '../../intents';
import { HELP_TEXT } from '../../dialogs/wording/replies';
import { DEFAULT_RESPONSE_HOURS } from '../../src/domain/deadlines';
import { FakeCaseIntake } from '../fakes/fakeCaseIntake';
import { FakeRecognizer } from '../fakes/fakeRecognizer';

/**
 * MainDialog on its own, with DialogTestClient as in the BotBuilder samples, and a scripted
 * recognizer where a test needs an exact Understanding.
 */
function client(recognizer = new FakeRecognizer(), caseIntake = new FakeCaseIntake(() => new Date('2025-11-21T12:05:00Z'))) {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialog = new MainDialog({
    recognizer,
    caseIntake,
    conversationState,
    deadlines: DEFAULT_RESPONSE_HOURS,
    hoursText: '营业厅每天 9:00–18:00 营业。',
  });
  return {
    caseIntake,
    client: new DialogTestClient('test', dialog, undefined, [new DialogTestLogger({ log: () => undefined })], conversationState),
  };
}

const table: Array<[string, RegExp | string]> = [
  ['你好', /您好/],
  ['谢谢', /不客气|不用客气/],
  ['营业时间', /营业厅每天 9:00–18:00 营业。[\s\S]*登记/],
  ['帮助', HELP_TEXT],
];

describe('MainDialog', () => {
  test.each(table)('answers %s without opening a case', async (says, expected) => {
    const { client: c, caseIntake } = client();
    const reply = await c.sendActivity(says);
    expect(reply.text).toEqual(typeof expected === 'string' ? expected : expect.stringMatching(expected));
    expect(caseIntake.accepted).toHaveLength(0);
  });

  // The real recognizer from here on: telling praise and questions from complaints is its job.
  const real = loadRecognizer();

  test('praise is thanked, passed on to the team and recorded, with no ticket', async () => {
    const { client: c, caseIntake } = client(real);
    const reply = await c.sendActivity('装宽带的师傅手脚麻利，给你们点个赞');
    expect(reply.text).toMatch(/表扬|好评|肯定/);
    expect(reply.text).toMatch(/转/);
    expect(caseIntake.compliments.map((x) => x.text)).toEqual(['装宽带的师傅手脚麻利，给你们点个赞']);
    expect(caseIntake.accepted).toHaveLength(0);
    expect(caseIntake.humanRequests).toHaveLength(0);
  });

  test.each(['怎么看这个月用了多少流量', '我们小区有没有千兆宽带', '副卡能不能自己在网上办'])(
    'the question %s gets an answer and the way to a person, never a ticket',
    async (question) => {
      const conversationState = new ConversationState(new MemoryStorage());
      const caseIntake = new FakeCaseIntake();
      const dialog = new MainDialog({
        recognizer: real,
        caseIntake,
        conversationState,
        deadlines: DEFAULT_RESPONSE_HOURS,
        questionText: '在掌上营业厅 App 的「查询」里可以看到。',
      });
      const c = new DialogTestClient('test', dialog, undefined, [], conversationState);
      const reply = await c.sendActivity(question);
      expect(reply.text).toContain(`「${question}」`);
      expect(reply.text).toContain('在掌上营业厅 App 的「查询」里可以看到。');
      expect(reply.text).toMatch(/不会给您建工单/);
      expect(reply.text).toMatch(/转人工/);
      expect(c.getNextReply()).toBeUndefined();
      expect(caseIntake.accepted).toHaveLength(0);
      expect(caseIntake.humanRequests).toHaveLength(0);
    },
  );

  test('a complaint withdrawn in the same line is not filed', async () => {
    const { client: c, caseIntake } = client(real);
    const reply = await c.sendActivity('本来想投诉的，刚才重启一下又好了');
    expect(reply.text).toMatch(/不(?:给您)?登记/);
    expect(caseIntake.accepted).toHaveLength(0);
    expect(caseIntake.compliments).toHaveLength(0);
  });

  test('a grievance put as a question is still a complaint', async () => {
    const { client: c, caseIntake } = client(real);
    const reply = await c.sendActivity('为什么这个月又多扣了我二十块？');
    expect(reply.text).not.toMatch(/不会给您建工单/);
    expect(reply.text).toMatch(/明白|了解|收到|抱歉/);
    expect(caseIntake.compliments).toHaveLength(0);
  });

  test('settings reach the dialogs: a configured deadline shows in the summary', async () => {
    const conversationState = new ConversationState(new MemoryStorage());
    const dialog = new MainDialog({
      recognizer: new FakeRecognizer(),
      caseIntake: new FakeCaseIntake(),
      conversationState,
      deadlines: { ...DEFAULT_RESPONSE_HOURS, billing_dispute: 48 },
    });
    const c = new DialogTestClient('test', dialog, undefined, [], conversationState);
    const calm = await c.sendActivity('这个月话费多扣了50元，彩铃费，我没订过');
    expect(calm.text).toMatch(/明白|了解|收到/);
    expect(c.getNextReply().text).toMatch(/48 小时内/);
  });

  test('a scripted understanding: anger 0.7 is enough for the short interview', async () => {
    const recognizer = new FakeRecognizer({
      你们的信号怎么回事: {
        emotion: { anger: 0.7 },
        category: 'product_quality',
        issues: [{ category: 'product_quality', text: '你们的信号怎么回事', confidence: 0.9 }],
      },
    });
    const { client: c } = client(recognizer);
    const replies = [await c.sendActivity('你们的信号怎么回事'), c.getNextReply(), c.getNextReply()].filter(Boolean).map((r) => r.text);
    expect(replies[0]).toMatch(/抱歉|对不起/);
    // The phone-model and neighbours questions are not essential: after two answers comes the summary.
    await c.sendActivity('人民路');
    const summary = await c.sendActivity('昨天开始');
    expect(summary.text).toMatch(/核对/);
  });
});
