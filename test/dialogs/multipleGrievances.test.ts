import { ConversationDriver, play } from '../bot/conversationDriver';
import { FakeRecognizer } from '../fakes/fakeRecognizer';

/**
 * One letter, three grievances, with a scripted understanding so the split is exact: the dialog
 * announces them, asks about each in turn and puts all three on one case.
 */
const LETTER = '你们营业厅的人态度太差了，还冲我吼。另外我的宽带坏了三天了没人上门修。还有这个月话费多扣了20块钱';
const recognizer = new FakeRecognizer({
  [LETTER]: {
    category: 'service_attitude',
    issues: [
      { category: 'service_attitude', text: '你们营业厅的人态度太差了，还冲我吼。', confidence: 0.95 },
      { category: 'after_sales', text: '另外我的宽带坏了三天了没人上门修。', confidence: 0.9 },
      // As the recognizer reports them: each grievance carries the slots told in its own words.
      { category: 'billing_dispute', text: '还有这个月话费多扣了20块钱', confidence: 0.9, slots: { amount: '20', month: '这个月' } },
    ],
    slots: { amount: '20', month: '这个月' },
  },
});

test('three grievances are handled one by one, in order, on one case', async () => {
  const d = new ConversationDriver({ recognizer });
  await play(d, [
    // «营业厅» and «吼» already told where and what happened: the first question is when.
    [LETTER, /3 件事：服务态度、售后支持、收费争议[\s\S]*第一件，服务态度[\s\S]*(什么时候|哪天)/],
    ['昨天下午三点', /工号|名字/],
    ['不记得了', /第二件，售后支持[\s\S]*(重启|试过)/],
    ['重启过了没用', /报修/],
    // The month and the amount are known; «话费» is the whole bill, so which item is asked, then
    // whether they ever subscribed.
    ['还没报修过', /第三件，收费争议[\s\S]*(哪一项|哪一笔)/],
    ['是个视频会员的包月费', /订过|开通过/],
    ['没订过', /1\. 【服务态度】[\s\S]*2\. 【售后支持】[\s\S]*3\. 【收费争议】[\s\S]*金额：20/],
    ['对', /工单号/],
  ]);
  const [draft] = d.caseIntake.accepted;
  expect(draft.issues.map((i) => [i.category, Object.keys(i.answers)])).toEqual([
    ['service_attitude', ['when', 'staff']],
    ['after_sales', ['tried', 'ticket']],
    ['billing_dispute', ['item', 'subscribed']],
  ]);
});

test('a place told with one grievance does not answer another grievance’s questions', async () => {
  const letter = '人民路那边信号特别差，另外营业厅的人态度也很差';
  const d = new ConversationDriver({
    recognizer: new FakeRecognizer({
      [letter]: {
        category: 'product_quality',
        issues: [
          { category: 'product_quality', text: '人民路那边信号特别差', confidence: 0.9, slots: { place: '人民路' } },
          { category: 'service_attitude', text: '另外营业厅的人态度也很差', confidence: 0.9 },
        ],
        slots: { place: '人民路' },
      },
    }),
  });
  const first = await d.sayText(letter);
  // The signal's place is known: its first question is not where.
  expect(first).not.toMatch(/什么位置|哪个小区/);
  let reply = first;
  for (let turn = 0; turn < 12 && !/核对/.test(reply); turn++) {
    reply = await d.sayText('不记得了');
  }
  expect(reply).toMatch(/【产品质量】[^\n]*地点：人民路/);
  expect(reply).not.toMatch(/【服务态度】[^\n]*人民路/);
});
