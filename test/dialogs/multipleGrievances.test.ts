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
      { category: 'billing_dispute', text: '还有这个月话费多扣了20块钱', confidence: 0.9 },
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
    // «话费», the month and the amount are known: only whether they ever subscribed is left.
    ['还没报修过', /第三件，收费争议[\s\S]*(订过|开通过)/],
    ['没订过', /1\. 【服务态度】[\s\S]*2\. 【售后支持】[\s\S]*3\. 【收费争议】[\s\S]*金额：20/],
    ['对', /工单号/],
  ]);
  const [draft] = d.caseIntake.accepted;
  expect(draft.issues.map((i) => [i.category, Object.keys(i.answers)])).toEqual([
    ['service_attitude', ['when', 'staff']],
    ['after_sales', ['tried', 'ticket']],
    ['billing_dispute', ['subscribed']],
  ]);
});
