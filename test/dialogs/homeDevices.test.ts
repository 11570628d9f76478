import * as path from 'path';
import { loadRecognizer, readLabelledTsv } from '../../intents';
import { ConversationDriver } from '../bot/conversationDriver';

/**
 * Whatever the category, a customer whose grievance names a home line or device is never asked
 * which phone they use; one with a broken or weak handset is. Rows: test/intents/cases/homeDevices.*.tsv.
 */
const recognizer = loadRecognizer();
const HOME = /宽带|光猫|路由器|机顶盒|电视|iptv|wifi|家里的网/i;
const HANDSET = /手机|合约机/;
const ASKS_PHONE_MODEL = /型号|什么手机|哪款手机/;

/**
 * The bot's replies from the complaint to the summary, every question answered with words that
 * tell nothing in particular but are no «不知道» (two of those and only the essentials are asked).
 */
async function interview(opening: string): Promise<string[]> {
  const d = new ConversationDriver({ recognizer });
  const replies = [await d.sayText(opening)];
  for (let turn = 0; turn < 8 && !/核对/.test(replies[replies.length - 1]); turn++) replies.push(await d.sayText('平时都这样'));
  return replies;
}

const rows = ['homeDevices.tuning.tsv', 'homeDevices.heldout.tsv'].flatMap((table) =>
  readLabelledTsv(path.join(__dirname, '..', 'intents', 'cases', table)).map((r) => r.text),
);

describe('the phone-model question', () => {
  test.each(rows.filter((t) => HOME.test(t) && !HANDSET.test(t)))('is not asked for «%s»', async (text) => {
    expect((await interview(text)).filter((r) => ASKS_PHONE_MODEL.test(r))).toEqual([]);
  });

  // A weak phone signal and a broadband line that drops are two grievances: the phone's is asked
  // its model, the line's is not.
  test.each(rows.filter((t) => HOME.test(t) && HANDSET.test(t)))('is asked once, for the phone, in «%s»', async (text) => {
    const replies = await interview(text);
    expect(replies.filter((r) => !/核对/.test(r) && ASKS_PHONE_MODEL.test(r))).toHaveLength(1);
    expect(replies[replies.length - 1]).toMatch(/【产品质量】[^\n]*手机型号/);
    expect(replies[replies.length - 1]).not.toMatch(/【售后支持】[^\n]*手机型号/);
  });

  test.each(rows.filter((t) => HANDSET.test(t) && !HOME.test(t)))('is asked for «%s»', async (text) => {
    expect((await interview(text)).some((r) => ASKS_PHONE_MODEL.test(r))).toBe(true);
  });
});

test('slow broadband gets self-checks for the 光猫 and router, not the airplane mode', async () => {
  const [first] = await interview('宽带网速特别慢，晚上更卡');
  expect(first).toMatch(/光猫[\s\S]*路由器/);
  expect(first).not.toMatch(/飞行模式|重启手机/);
  expect(first).toMatch(/宽带装在哪/);
});

test('a landline that cannot call out is a home line to repair: no broadband address, and its fault is not asked again', async () => {
  const replies = await interview('我今年七十多了 家里座机打不出去了');
  expect(replies[replies.length - 1]).toMatch(/【售后支持】/);
  expect(replies.join('\n')).not.toMatch(/宽带装在哪|什么毛病|什么情况/);
});
