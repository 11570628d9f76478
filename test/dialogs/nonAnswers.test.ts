import { loadRecognizer } from '../../intents';
import { CANCELLED_TEXT, RESTART_TEXT } from '../../dialogs/wording/replies';
import { ConversationDriver, play } from '../bot/conversationDriver';

/** Non-answers («不记得», «就这些», «不知道») at the questions and at the summary, on the real recognizer. */
const recognizer = loadRecognizer();
const driver = () => new ConversationDriver({ recognizer });

const BROADBAND = '宽带坏了，光猫一直亮红灯，上不了网';
const ASKS_TRIED = /试过/;
const ASKS_TICKET = /报修过吗/;
const ASKS_VISIT = /师傅/;
const SUMMARY = /核对/;
const RECEIPT = /投诉受理回执[\s\S]*工单号/;

describe('non-answers at the questions', () => {
  test('不记得 as the repair number is recorded as unknown, shown in words, and never as a number', async () => {
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['重启过了', ASKS_TICKET],
      // Reassured, not thanked for a fact.
      ['不记得', /^没关系，[\s\S]*师傅/],
      [
        '没有',
        (reply) => {
          expect(reply).toMatch(SUMMARY);
          expect(reply).toContain('报修单号：暂时不清楚');
          expect(reply).not.toContain('报修单号：不记得');
        },
      ],
      ['对', RECEIPT],
    ]);
    const [issue] = d.caseIntake.accepted[0].issues;
    expect(issue.answers).toEqual({ tried: '重启过了', ticket: '客户不记得', missed: '客户说没有' });
    expect(issue.unanswered).toEqual({ ticket: 'unknown', missed: 'none' });
    expect(d.caseIntake.accepted[0].slots.ticketId).toBeUndefined();
  });

  test('a rant where the repair number was asked is kept as a note, not as the number', async () => {
    const rant = '我一开始就说了报修两次了！单号哪记得住';
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['拔了电源也不行', ASKS_TICKET],
      [rant, ASKS_VISIT],
      ['师傅没来', (reply) => expect(reply).toContain('报修单号：暂时不清楚')],
      ['对，就是这样', RECEIPT],
    ]);
    const [issue] = d.caseIntake.accepted[0].issues;
    expect(issue.answers.ticket).not.toBe(rant);
    expect(issue.answers.ticket).toBe(`客户不记得，原话：「${rant}」`);
    expect(issue.unanswered?.ticket).toBe('unknown');
    expect(issue.answers.missed).toBe('师傅没来');
  });

  test('a real repair number is still kept as the answer', async () => {
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['重启过了', ASKS_TICKET],
      ['单号是BX2023110501', ASKS_VISIT],
      ['没人来过', SUMMARY],
      ['对', RECEIPT],
    ]);
    const [issue] = d.caseIntake.accepted[0].issues;
    expect(issue.answers.ticket).toBe('单号是BX2023110501');
    expect(issue.unanswered?.ticket).toBeUndefined();
    // «没人来过» is a fact about the visit, not «没有»: it stays in the customer's words.
    expect(issue.answers.missed).toBe('没人来过');
  });

  test('你们自己查 is shown to the agent as a request to look it up', async () => {
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['没试过', ASKS_TICKET],
      ['你们自己查吧', ASKS_VISIT],
      ['就这些', SUMMARY],
      ['嗯嗯', RECEIPT],
    ]);
    const [issue] = d.caseIntake.accepted[0].issues;
    expect(issue.answers).toEqual({ tried: '客户说没有', ticket: '客户请我们自己查记录', missed: '客户说就是前面讲的这些，没有更多' });
    expect(issue.unanswered).toEqual({ tried: 'none', ticket: 'refused', missed: 'done' });
  });
});

describe('the summary', () => {
  test.each(['就这些', '没了', '对的', '嗯', '可以', '是的', '没问题', 'ok', '嗯嗯', '对', '没错'])(
    '«%s» at the summary accepts the case, with no 补充',
    async (yes) => {
      const d = driver();
      await play(d, [
        [BROADBAND, ASKS_TRIED],
        ['重启过了', ASKS_TICKET],
        // with no repair reported there is no missed visit to ask about
        ['没报修过', SUMMARY],
        [yes, RECEIPT],
      ]);
      expect(d.caseIntake.accepted).toHaveLength(1);
      expect(d.caseIntake.accepted[0].summary).not.toContain('补充');
    },
  );

  test.each(['不对', '错了', '改一下'])('«%s» asks what to change', async (change) => {
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['重启过了', ASKS_TICKET],
      // with no repair reported there is no missed visit to ask about
      ['没报修过', SUMMARY],
      [change, /补充什么/],
      ['是上周三坏的', /补充：是上周三坏的[\s\S]*对，就是这样/],
    ]);
  });

  test('a reply with content is taken as the addition straight away, and 没有 at «补充什么» adds nothing', async () => {
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['重启过了', ASKS_TICKET],
      // with no repair reported there is no missed visit to ask about
      ['没报修过', SUMMARY],
      ['电视也看不了', /补充：电视也看不了/],
      ['需要补充', /补充什么/],
      [
        '没有了',
        (reply) => {
          expect(reply).toMatch(SUMMARY);
          expect(reply).not.toContain('没有了');
        },
      ],
    ]);
  });

  test('an elderly customer who answers the summary with 不知道 gets simpler words and a person', async () => {
    const d = driver();
    const turns = await play(d, [['我七十多岁了，家里的宽带坏了上不了网', /慢慢|不着急/]]);
    // Questions until the summary, each answered with «不知道».
    let reply = turns[0].map((a) => a.text).join('\n');
    for (let i = 0; i < 5 && !SUMMARY.test(reply); i++) reply = await d.sayText('不知道');
    expect(reply).toMatch(SUMMARY);

    const replies = await d.say('不知道');
    const simpler = replies.map((a) => a.text).join('\n');
    expect(simpler).not.toMatch(SUMMARY);
    expect(simpler).not.toContain('补充：不知道');
    expect(simpler).toMatch(/简单/);
    expect(simpler).toContain('转人工');
    expect(replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['对', '转人工']);
    expect(d.caseIntake.accepted).toHaveLength(0);

    // Still lost: a person takes over, with the case as told.
    await play(d, [['不知道', /人工/]]);
    expect(d.caseIntake.humanRequests).toHaveLength(1);
    expect(d.caseIntake.humanRequests[0].issues.map((i) => i.category)).toContain('after_sales');
    expect(d.caseIntake.humanRequests[0].summary).not.toContain('补充');
    expect(d.caseIntake.humanRequestReasons).toEqual(['not_understood']);
  });

  test('after the simpler words, 对 accepts the case', async () => {
    const d = driver();
    await play(d, [
      [BROADBAND, ASKS_TRIED],
      ['重启过了', ASKS_TICKET],
      // with no repair reported there is no missed visit to ask about
      ['没报修过', SUMMARY],
      ['不知道', /简单/],
      ['对', RECEIPT],
    ]);
  });
});

describe('starting over', () => {
  test.each(['算了，重新说', '重新来', '从头说', '算了重新说'])('«%s» starts the intake over instead of cancelling it', async (restart) => {
    const d = driver();
    await play(d, [
      ['我家里手机信号特别差，打电话老掉线', /什么时候/],
      [
        restart,
        (reply) => {
          expect(reply).toBe(RESTART_TEXT);
          expect(reply).not.toBe(CANCELLED_TEXT);
        },
      ],
      [BROADBAND, ASKS_TRIED],
    ]);
  });

  test('算了 alone still cancels', async () => {
    const d = driver();
    await play(d, [
      ['我家里手机信号特别差，打电话老掉线', /什么时候/],
      ['算了', CANCELLED_TEXT],
    ]);
  });
});
