import type { Activity } from 'botbuilder';
import { loadRecognizer } from '../../intents';
import { FOLLOW_UP_QUESTIONS } from '../../dialogs/questions';
import { CATEGORY_NAMES } from '../../src/domain/category';
import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import { ConversationDriver, play, replyText, type Turn } from '../bot/conversationDriver';

/** Conversations on the real understanding (intents/), end to end through the bot core. */
const recognizer = loadRecognizer();
const driver = () => new ConversationDriver({ recognizer });

const SUMMARY = /核对/;
const ALL_QUESTIONS = Object.values(FOLLOW_UP_QUESTIONS).flat();
/** A reply that ends with one of the category questions (any wording, plain or simple). */
function isQuestion(reply: string): boolean {
  const wordings = (q: (typeof ALL_QUESTIONS)[number]) => [
    ...q.ask,
    q.askSimply,
    q.partlyToldBy?.ask ?? q.askSimply,
    q.partlyToldBy?.askSimply ?? q.askSimply,
  ];
  return ALL_QUESTIONS.some((q) => wordings(q).some((a) => reply.includes(a)));
}

/** Answers every question with the next of `answers` until the summary comes; returns how many questions were asked. */
async function answerUntilSummary(
  d: ConversationDriver,
  opening: string,
  answers: string[],
): Promise<{ first: string; asked: string[]; summary: string }> {
  const asked: string[] = [];
  const first = await d.sayText(opening);
  let reply = first;
  for (const answer of answers) {
    if (SUMMARY.test(reply)) break;
    expect(isQuestion(reply)).toBe(true);
    asked.push(reply);
    reply = await d.sayText(answer);
  }
  expect(reply).toMatch(SUMMARY);
  return { first, asked, summary: reply };
}

function receiptOf(replies: Partial<Activity>[]): Partial<Activity> {
  const receipt = replies.find((r) => r.channelData?.receipt);
  expect(receipt).toBeDefined();
  return receipt!;
}

describe('intake on the real recognizer', () => {
  test('product quality: calm, self-checks, one question per turn, summary, receipt card', async () => {
    const d = driver();
    const turns: Turn[] = [
      ['我家里手机信号特别差，打电话老掉线', /飞行模式[\s\S]*(什么时候|哪天)/],
      ['从上周开始，晚上特别明显', /型号/],
      ['iPhone 13', /邻居|其他人/],
      ['邻居也这样', /核对[\s\S]*对，就是这样[\s\S]*需要补充/],
    ];
    const conversation = await play(d, turns);
    const summary = conversation[3][0];
    expect(summary.suggestedActions?.actions.map((a) => a.title)).toEqual(['对，就是这样', '需要补充']);
    // «家里» already told where: the place question never came.
    expect(conversation.map(replyText).join('\n')).not.toMatch(/在哪儿|什么位置/);

    const replies = await d.say('对，就是这样');
    const receipt = receiptOf(replies);
    expect(receipt.text).toBeUndefined();
    expect(receipt.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = JSON.stringify(receipt.attachments?.[0].content);
    for (const fact of ['工单号', '类别', '产品质量', '受理时间', '11月21日 20:05', '回复时限', '11月21日 21:05 前'])
      expect(card).toContain(fact);
    const r = receipt.channelData.receipt;
    expect(r.ticketId).toMatch(TICKET_ID_PATTERN);
    expect(r).toEqual({
      ticketId: r.ticketId,
      category: 'product_quality',
      acceptedAt: '2025-11-21T12:05:00.000Z',
      responseDueAt: '2025-11-21T13:05:00.000Z',
    });
    expect(receipt.summary).toContain(r.ticketId);
    expect(receipt.summary).toContain('11月21日 21:05 前');
    // No phone number given: the answer comes here in the chat, and no call is promised.
    expect(receipt.summary).toContain('在这个对话里回复您');
    expect(receipt.summary).not.toMatch(/来电|电话/);

    const [draft] = d.caseIntake.accepted;
    expect(draft.issues).toEqual([
      expect.objectContaining({
        category: 'product_quality',
        answers: { since: '从上周开始，晚上特别明显', phoneModel: 'iPhone 13', neighbours: '邻居也这样' },
      }),
    ]);
    expect(draft.slots).toMatchObject({ phoneModel: 'iPhone 13', date: '上周' });
    expect(draft.transcript.filter((t) => t.from === 'customer').map((t) => t.text)).toEqual([
      '我家里手机信号特别差，打电话老掉线',
      '从上周开始，晚上特别明显',
      'iPhone 13',
      '邻居也这样',
      '对，就是这样',
    ]);
    expect(draft.transcript.some((t) => t.from === 'bot' && /型号/.test(t.text))).toBe(true);
  });

  test('billing with the amount and month already given: those are not asked again', async () => {
    const d = driver();
    const { asked, summary } = await answerUntilSummary(d, '上个月多扣了30块，账单上有一项视频会员费', ['我从来没订过']);
    expect(asked.join('\n')).not.toMatch(/多少钱|金额|哪个月|月份/);
    expect(summary).toContain('30');
    expect(summary).toContain('上个月');
    const receipt = receiptOf(await d.say('对'));
    expect(receipt.channelData.receipt.category).toBe('billing_dispute');
    expect(receipt.summary).toContain('11月22日 20:05 前');
    expect(d.caseIntake.accepted[0].slots).toMatchObject({ amount: '30', month: '上个月' });
  });

  test('billing where everything is in the first message goes straight to the summary', async () => {
    await play(driver(), [
      [
        '这个月话费多扣了50元，我从来没订过什么彩铃',
        (reply) => {
          expect(reply).toMatch(SUMMARY);
          expect(isQuestion(reply)).toBe(false);
        },
      ],
    ]);
  });

  test('a letter with several grievances: each one the recognizer finds is taken in turn', async () => {
    const letter = '你们营业厅的人态度太差了，还冲我吼。另外我的宽带坏了三天了没人上门修。还有这个月话费多扣了20块钱';
    const found = recognizer.understand(letter).issues.map((i) => i.category);
    expect(found.length).toBeGreaterThanOrEqual(2);
    const d = driver();
    let reply = await d.sayText(letter);
    expect(reply).toContain(`${found.length} 件事`);
    const announced: string[] = [];
    for (let turn = 0; turn < 20 && !SUMMARY.test(reply); turn++) {
      const intro = /第[一二三四五]件，(\S+?)方面/.exec(reply);
      if (intro) announced.push(intro[1]);
      expect(isQuestion(reply)).toBe(true);
      reply = await d.sayText('不记得了');
    }
    // Grievances already fully told are not announced; the others come in the letter's order.
    expect(announced).toEqual(found.map((c) => CATEGORY_NAMES[c]).filter((name) => announced.includes(name)));
    expect(reply).toMatch(/1\. 【[\s\S]*2\. 【/);
    const receipt = receiptOf(await d.say('对'));
    expect(JSON.stringify(receipt.attachments?.[0].content)).toContain(found.map((c) => CATEGORY_NAMES[c]).join('、'));
    expect(d.caseIntake.accepted[0].issues.map((i) => i.category)).toEqual(found);
  });

  test('an angry customer hears an apology and at most two questions; a calm one with the same problem gets more', async () => {
    const answers = ['人民路万达广场', '一直都这样', 'iPhone 13', '邻居也一样'];
    const angry = await answerUntilSummary(driver(), '气死我了！！！你们的信号太垃圾了，网速慢得要死，什么玩意！！', answers);
    expect(angry.first).toMatch(/抱歉|对不起/);
    expect(angry.first).toMatch(/交给我|我来/);
    expect(angry.asked.length).toBeLessThanOrEqual(2);

    const calm = await answerUntilSummary(driver(), '你们的信号不太好，网速有点慢', answers);
    expect(calm.first).not.toMatch(/对不起/);
    expect(calm.asked.length).toBeGreaterThan(angry.asked.length);
  });

  test('an elderly customer gets slow, simple words and only the essentials', async () => {
    const run = await answerUntilSummary(driver(), '我是个老人，我的手机信号不好', ['在家里', '好几天了', '不知道']);
    expect(run.first).toMatch(/慢慢|不着急|别着急/);
    expect(run.asked.length).toBeGreaterThan(0);
    expect(run.asked.length).toBeLessThanOrEqual(2);
    const simple = ALL_QUESTIONS.map((q) => q.askSimply);
    for (const q of run.asked) expect(simple.some((s) => q.includes(s))).toBe(true);
  });
  // A customer often tells something else than what was asked: where, when, or the answer to
  // another question. It goes where it belongs, never under the question's label.
  test('an answer to another question, or only a place or a time, is kept where it belongs', async () => {
    const d = driver();
    const { asked, summary } = await answerUntilSummary(d, '我家宽带老是断线，好几天了', [
      '在朝阳区建国路88号家里',
      '上周一开始的',
      '光猫重启过了没用',
    ]);
    expect(asked).toHaveLength(3);
    expect(summary).toContain('已尝试：光猫重启过了没用');
    expect(summary).toContain('地点：朝阳区建国路88号，室内');
    expect(summary).toContain('时间：上周一');
    expect(summary).not.toMatch(/已尝试：在|报修单号：上周一|上门情况：光猫/);
  });

  test('a place given where the staff member was asked about is read back as the place', async () => {
    const d = driver();
    const { summary } = await answerUntilSummary(d, '营业厅的人态度太差了', ['昨天下午三点', '在朝阳区建国路营业厅', '他一直翻白眼']);
    expect(summary).toContain('朝阳区建国路营业厅');
    expect(summary).not.toContain('工作人员：');
    expect(summary).toContain('他一直翻白眼');
  });
  test('a bare «对» to a question that wants a place is no place', async () => {
    const d = driver();
    const { summary } = await answerUntilSummary(d, '我手机老是没信号', ['对', '上周开始的', '华为Mate 60', '邻居也这样']);
    expect(summary).toContain('地点：暂时不清楚');
    expect(summary).not.toContain('：对');
    expect(d.caseIntake.accepted).toHaveLength(0);
  });
  test('«报修过一次» said to another question: only the repair number is asked, and a bare «对» reads back in words', async () => {
    const d = driver();
    const { asked, summary } = await answerUntilSummary(d, '我家光猫坏了，红灯一直闪', ['报修过一次', '不记得了', '对']);
    expect(asked[1]).toContain('报修单号还记得吗');
    expect(asked[1]).not.toContain('之前报修过吗');
    expect(summary).toContain('报修单号：暂时不清楚');
    expect(summary).toContain('上门情况：有约了没上门的');
    expect(summary).not.toContain('：对');
  });
  test('with two grievances, a place told about the first stays with it, and a time told late still counts', async () => {
    const d = driver();
    let reply = await d.sayText('宽带又断了 打客服没人接 都三天了');
    expect(reply).toMatch(/2 件事/);
    expect(reply).not.toMatch(/老用户/);
    // Each question gets what this customer would say to it, the place and the time where they were not asked.
    const answerTo = (q: string) =>
      /试过|处理过/.test(q)
        ? '在家里，杭州西湖区文三路88号'
        : /报修/.test(q)
          ? '不记得了'
          : /上门|没来/.test(q)
            ? '对'
            : /什么时候|哪天/.test(q)
              ? '就是那个接电话的态度很差'
              : /工号|名字/.test(q)
                ? '昨天下午三点'
                : '他直接挂了我电话';
    for (let turn = 0; turn < 10 && !SUMMARY.test(reply); turn++) reply = await d.sayText(answerTo(reply));
    const [lineOne, lineTwo] = reply.split('\n').filter((l) => /^\d\./.test(l));
    expect(lineOne).toContain('杭州西湖区文三路88号');
    expect(lineTwo).not.toContain('文三路');
    expect(lineTwo).toContain('时间：昨天 下午三点');
    expect(lineTwo).not.toContain('态度很差；');
  });
  test('a device named where a place was asked is no place: the line’s address is asked, and the summary has one 地点', async () => {
    const d = driver();
    const first = await d.sayText('yd的网咋回事啊 这两天老断 整得俺啥也干不了');
    expect(first).toMatch(/在哪儿|什么位置/);
    const second = await d.sayText('光猫');
    expect(second).toMatch(/装宽带的地址|宽带装在哪/);
    expect(second).not.toMatch(/没关系|手机/);
    let reply = await d.sayText('幸福小区3号楼');
    for (let turn = 0; turn < 5 && !SUMMARY.test(reply); turn++) reply = await d.sayText('不知道');
    expect(reply).toContain('地点：幸福小区3号楼');
    expect(reply).not.toMatch(/地点：(光猫|暂时不清楚)/);
  });
  test('the net at home that keeps dropping is the home line: which device or line is asked, not where the signal is bad', async () => {
    const d = driver();
    const first = await d.sayText('yd的网咋回事啊 俺家这两天老断 整得俺啥也干不了');
    expect(first).toMatch(/哪台设备|哪条线路/);
    expect(first).not.toMatch(/在哪儿|什么位置/);
  });
  test('a customer who threatens to go further is asked only the essentials, and told it is taken seriously', async () => {
    const answers = ['不知道', '不知道', '不知道', '不知道', '不知道', '不知道'];
    const calm = await answerUntilSummary(driver(), '手机信号一直很差，打电话老断', answers);
    const threat = await answerUntilSummary(driver(), '手机信号一直很差，打电话老断，再不解决我就去找你们省公司', answers);
    expect(threat.asked.length).toBeLessThan(calm.asked.length);
    expect(threat.first).toMatch(/重视|优先/);
  });
  test('«营业厅说我有合约» already tells what the customer was told: the intake asks nothing more', async () => {
    const d = driver();
    const first = await d.sayText('携号转网一直办不了 营业厅说我有合约 我根本没签过什么合约');
    expect(first).toMatch(SUMMARY);
    expect(first).not.toMatch(/怎么说的|怎么答复/);
  });
  test('a reply that only tells when and where («上周六去的营业厅») is no answer to what they were told', async () => {
    const d = driver();
    const { asked, summary } = await answerUntilSummary(d, '在营业厅改套餐一直改不了', ['上周六去的营业厅', '不知道', '不知道']);
    expect(asked[0]).toMatch(/怎么答复|怎么说的|怎么跟您说/);
    expect(summary).not.toContain('得到的答复：上周六');
    expect(summary).toContain('上周六');
  });
  test('with no repair reported, no missed repair visit is asked about', async () => {
    const run = await answerUntilSummary(driver(), '新买的合约机用了一周就黑屏了', ['华为nova 12', '重启过没用', '没有报修', '没有']);
    expect(run.asked.join('\n')).not.toMatch(/上门|没来/);
    expect(run.summary).not.toContain('上门情况');
  });
  test('a customer who cannot answer twice in a row is asked only what the case cannot do without', async () => {
    const d = driver();
    const { asked, summary } = await answerUntilSummary(
      d,
      '我想反映几个问题。第一，家里宽带这个月断了好几次，第二，上个月话费莫名其妙多扣了50块，第三，打10086客服态度特别差，直接挂我电话。',
      Array(10).fill('不知道'),
    );
    // Two questions for the first grievance, then the essential one of each of the others.
    expect(asked).toHaveLength(4);
    expect(summary).toContain('不清楚的地方没关系');
    expect(summary).not.toContain('这些信息很有用');
  });
  test('an age told without 岁 is who is speaking, not a second grievance', async () => {
    const d = driver();
    const first = await d.sayText('我都七十多了，手机老是没信号');
    expect(first).not.toMatch(/件事|收费/);
    expect(isQuestion(first)).toBe(true);
  });
});
