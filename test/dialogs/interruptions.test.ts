import { loadRecognizer } from '../../intents';
import { CANCELLED_TEXT, HELP_TEXT, NOTHING_TO_CANCEL_TEXT, RESTART_TEXT } from '../../dialogs/wording/replies';
import { ConversationDriver, play } from '../bot/conversationDriver';

/** 转人工, 取消, 重新说, 帮助 and small talk, at the top level and in the middle of an intake (real recognizer). */
const recognizer = loadRecognizer();
const driver = () => new ConversationDriver({ recognizer });

const SIGNAL_COMPLAINT = '我家里手机信号特别差，打电话老掉线';
const ASKS_WHEN = /什么时候|哪天/;

describe('interruptions during an intake', () => {
  test('转人工 mid-intake records the request with what is known and says honestly what happens next', async () => {
    const d = driver();
    await play(d, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['从上周开始', /型号/],
      [
        '转人工',
        (reply) => {
          expect(reply).toMatch(/TS-\d{8}-\d{4}/);
          expect(reply).toContain('11月21日 21:05 前');
          // Recorded; a colleague takes over in this chat; the deadline only as the bound when
          // nobody is free. No promise of an agent right now, and no minutes: the queue notice
          // that follows gives the place and the rough wait.
          expect(reply).toMatch(
            /已经为您登记了人工服务请求[\s\S]*在这个对话里接手[\s\S]*如果暂时没有空闲的同事，也会在 11月21日 21:05 前处理/,
          );
          expect(reply).not.toMatch(/马上|立即|立刻|正在为您接通/);
          expect(reply).not.toMatch(/分钟|来电/);
        },
      ],
    ]);
    expect(d.caseIntake.humanRequests).toHaveLength(1);
    const [request] = d.caseIntake.humanRequests;
    expect(request.wantsHuman).toBe(true);
    expect(d.caseIntake.humanRequestReasons).toEqual(['asked']);
    expect(request.issues).toEqual([expect.objectContaining({ category: 'product_quality', answers: { since: '从上周开始' } })]);
    expect(request.transcript.map((t) => t.text)).toContain('从上周开始');
    expect(d.caseIntake.accepted).toHaveLength(0);
    // The intake is over: the next message is read afresh.
    await play(d, [['你好', /您好/]]);
  });

  test('人工客服 with a complaint in the first message takes the complaint along', async () => {
    const d = driver();
    await play(d, [['我家里手机信号特别差，打电话老掉线，给我转人工', /工单号/]]);
    expect(d.caseIntake.humanRequests[0].issues.map((i) => i.category)).toEqual(['product_quality']);
  });

  test('a bare 转人工 before any complaint is recorded too, without a category', async () => {
    const d = driver();
    await play(d, [['人工客服', /工单号[\s\S]*在这个对话里接手[\s\S]*前处理您的问题/]]);
    expect(d.caseIntake.humanRequests[0].issues).toEqual([]);
  });

  test('取消 ends the intake politely and records nothing', async () => {
    const d = driver();
    await play(d, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['取消', CANCELLED_TEXT],
      ['谢谢', /不客气|不用客气/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(0);
    expect(d.caseIntake.humanRequests).toHaveLength(0);
  });

  test('«没有了» at a question is an answer, not a cancel', async () => {
    const d = driver();
    await play(d, [
      ['宽带坏了，光猫一直亮红灯', /试过|重启/],
      ['没有了', /报修/],
    ]);
  });

  test('«不用了» at a question passes on that question: no value stored, no cancel, the next question follows', async () => {
    const d = driver();
    await play(d, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      [
        '不用了',
        (reply) => {
          expect(reply).not.toBe(CANCELLED_TEXT);
          expect(reply).toMatch(/型号/);
        },
      ],
      ['转人工', /工单号/],
    ]);
    const [issue] = d.caseIntake.humanRequests[0].issues;
    expect(issue.answers.since).toBe('客户说不用了，没有回答');
    expect(issue.unanswered).toEqual(expect.objectContaining({ since: 'refused' }));
  });

  test('重新说 starts over: the first story is dropped, the second one is taken down', async () => {
    const d = driver();
    await play(d, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['重新说', RESTART_TEXT],
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对[\s\S]*收费争议/],
      ['对', /工单号/],
    ]);
    expect(d.caseIntake.accepted.map((c) => c.issues.map((i) => i.category))).toEqual([['billing_dispute']]);
  });

  test.each(['算了，重新说', '算了，我再说一遍', '不对，我重新说'])(
    '«%s» starts over at a question and at the summary, never cancels',
    async (says) => {
      const atQuestion = driver();
      await play(atQuestion, [
        [SIGNAL_COMPLAINT, ASKS_WHEN],
        [says, RESTART_TEXT],
        ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对[\s\S]*收费争议/],
      ]);
      const atSummary = driver();
      await play(atSummary, [
        ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
        [
          says,
          (reply) => {
            expect(reply).toContain(RESTART_TEXT);
            expect(reply).not.toContain(CANCELLED_TEXT);
          },
        ],
      ]);
    },
  );

  test('帮助 mid-intake explains, then asks the same question again', async () => {
    const d = driver();
    await play(d, [[SIGNAL_COMPLAINT, ASKS_WHEN]]);
    const question = (await d.say('帮助')).map((r) => r.text);
    expect(question[0]).toBe(HELP_TEXT);
    expect(question[1]).toMatch(ASKS_WHEN);
    await play(d, [['从上周开始', /型号/]]);
  });

  test('a greeting or thanks in passing is answered and the question repeated', async () => {
    await play(driver(), [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['在吗', /接着[\s\S]*(什么时候|哪天)/],
      ['谢谢你', /不客气[\s\S]*(什么时候|哪天)/],
    ]);
  });

  test('需要补充 asks what to add and reads the summary back with it', async () => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['需要补充', /补充什么/],
      ['上个月也多扣了一次', /补充：上个月也多扣了一次[\s\S]*对，就是这样/],
      ['是的', /工单号/],
    ]);
    expect(d.caseIntake.accepted[0].summary).toContain('上个月也多扣了一次');
  });

  test.each(['是', '对', '没错', '好的', '1', '对，就是这样'])('«%s» at the summary accepts the case', async (yes) => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      [yes, /工单号/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(1);
  });

  test('«不用了» at the summary is nothing to add: the case is accepted', async () => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['不用了', /工单号/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(1);
  });

  test('«不用了» at «补充什么» reads the summary back as it was', async () => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['需要补充', /补充什么/],
      [
        '不用了',
        (reply) => {
          expect(reply).toMatch(/核对[\s\S]*对，就是这样/);
          expect(reply).not.toMatch(/补充：/);
        },
      ],
      ['对', /工单号/],
    ]);
  });

  test.each(['不用了，不投诉了', '算了不用登记了'])('«%s» at the summary withdraws the complaint', async (says) => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      [says, CANCELLED_TEXT],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(0);
  });

  test('«算了不用登记了» at a question withdraws the complaint too', async () => {
    const d = driver();
    await play(d, [
      [SIGNAL_COMPLAINT, ASKS_WHEN],
      ['算了不用登记了', CANCELLED_TEXT],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(0);
  });

  test('«好几天了» at the summary is not a yes', async () => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['好几天了', /补充：好几天了/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(0);
  });
});

describe('small talk and misunderstandings at the top level', () => {
  const table: Array<[string, string | RegExp]> = [
    ['你好', /您好/],
    ['谢谢', /不客气|不用客气/],
    ['营业时间几点', /24 小时[\s\S]*登记/],
    ['帮助', HELP_TEXT],
    ['取消', NOTHING_TO_CANCEL_TEXT],
    ['再见', /再见|随时/],
  ];
  test.each(table)('%s', async (says, expected) => {
    const d = driver();
    await play(d, [[says, expected]]);
    expect(d.caseIntake.accepted).toHaveLength(0);
    expect(d.caseIntake.humanRequests).toHaveLength(0);
  });

  test('not understood twice in a row: a person is asked for', async () => {
    const d = driver();
    await play(d, [
      ['今天天气怎么样', /没太明白|没理解清楚[\s\S]*转人工/],
      ['啊啊啊啦啦', /人工服务请求[\s\S]*工单号[\s\S]*在这个对话里接手[\s\S]*前处理您的问题/],
    ]);
    expect(d.caseIntake.humanRequests).toHaveLength(1);
    // Staff are told the bot could not understand, not that the customer asked.
    expect(d.caseIntake.humanRequestReasons).toEqual(['not_understood']);
  });

  test('something understood in between resets the count', async () => {
    const d = driver();
    await play(d, [
      ['今天天气怎么样', /没太明白|没理解清楚/],
      ['你好', /您好/],
      ['啊啊啊啦啦', /没太明白|没理解清楚/],
    ]);
    expect(d.caseIntake.humanRequests).toHaveLength(0);
  });

  test('a bare «对» after the receipt is an acknowledgement, not a new complaint', async () => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['对', /工单号/],
      ['对', /随时/],
      ['没有了', /随时/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(1);
  });

  // The summary's own button, «对，就是这样», tapped or typed again after the receipt, and the
  // other ways a customer agrees or says that was all: none of them is a grievance.
  test.each(['对，就是这样', '是的，没错', '对的对的', '嗯，就是这样', '没问题', '确认无误', '就这些', '不是'])(
    '«%s» after the receipt is an acknowledgement, not a new complaint',
    async (says) => {
      const d = driver();
      await play(d, [
        ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
        ['对', /工单号/],
        [says, /随时/],
      ]);
      expect(d.caseIntake.accepted).toHaveLength(1);
    },
  );

  test('agreeing and complaining in one breath after the receipt is a new complaint', async () => {
    const d = driver();
    await play(d, [
      ['这个月话费多扣了50元，我从来没订过什么彩铃', /核对/],
      ['对', /工单号/],
      ['对，还有营业厅那个员工态度特别差', /什么时候|哪天|几点|工号|名字/],
    ]);
    expect(d.caseIntake.accepted).toHaveLength(1);
  });
});
