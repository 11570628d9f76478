import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient, DialogTestLogger } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs';
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
  const dialog = new MainDialog({ recognizer, caseIntake, conversationState, deadlines: DEFAULT_RESPONSE_HOURS, hoursText: '营业厅每天 9:00–18:00 营业。' });
  return { caseIntake, client: new DialogTestClient('test', dialog, undefined, [new DialogTestLogger({ log: () => undefined })], conversationState) };
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
      '你们的信号怎么回事': { emotion: { anger: 0.7 }, category: 'product_quality', issues: [{ category: 'product_quality', text: '你们的信号怎么回事', confidence: 0.9 }] },
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
