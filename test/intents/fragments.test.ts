/**
 * Fragments are not grievances: a clause that only says how long, how angry or who the customer
 * is belongs to the grievance next to it. The tables hold whole messages, the grievances a person
 * reads in them and the clauses that carry no grievance of their own; every row goes through the
 * real recognizer. Each test's name carries its figure, so
 * `npx jest test/intents/fragments --verbose` prints them; a failure lists every miss.
 */
import { loadRecognizer, splitClauses } from '../../intents';
import { grievancesOf } from '../../dialogs/intakeProgress';
import { resolveIntakeSettings } from '../../dialogs/intakeSettings';
import { readsAsFragment } from '../../intents/fragmentHead';
import { content } from '../../intents/tools/fragmentClauseSet';
import { isFragment } from '../../intents/fragments';
import { innerCuts } from '../../intents/grievances';
import { normalizeText } from '../../intents/normalize';
import { percent, readCaseTable } from '../helpers/caseTable';

const recognizer = loadRecognizer();
const INTAKE = resolveIntakeSettings({ deadlines: {} as never });

interface Figures {
  messages: number;
  exact: number;
  /** Fragments marked in the table, and those that ended inside an issue with a grievance in it. */
  fragments: number;
  attached: number;
  /** Marked fragments that are clauses of their own, and those the rule calls fragments. */
  clauses: number;
  recognised: number;
  /** Issues beyond the number a person reads. */
  spurious: number;
  /** Grievances in the messages with two or more, and those found. */
  multi: number;
  multiFound: number;
  /** Messages with one grievance, and those read as one issue. */
  single: number;
  singleKept: number;
  /** The same two figures for the grievances the intake opens (unsure ones folded into a neighbour). */
  intakeSpurious: number;
  intakeMultiFound: number;
  misses: string[];
}

function measure(table: string): Figures {
  const f: Figures = {
    messages: 0,
    exact: 0,
    fragments: 0,
    attached: 0,
    clauses: 0,
    recognised: 0,
    spurious: 0,
    multi: 0,
    multiFound: 0,
    single: 0,
    singleKept: 0,
    intakeSpurious: 0,
    intakeMultiFound: 0,
    misses: [],
  };
  for (const [message, expected, fragmentCell] of readCaseTable(table, 3)) {
    const want = expected.split(',');
    const fragments = fragmentCell === '-' ? [] : fragmentCell.split('|');
    for (const fragment of fragments)
      if (!message.includes(fragment)) throw new Error(`${table}: 「${fragment}」 is not in 「${message}」`);
    const u = recognizer.understand(message);
    const issues = u.issues.length
      ? u.issues.map((i) => ({ category: i.category as string, text: i.text }))
      : [{ category: u.category as string, text: message }];
    const got = issues.map((i) => i.category);
    const wrong: string[] = [];
    f.messages++;
    if (got.join(',') === want.join(',')) f.exact++;
    else wrong.push(`${got.join(',')} (want ${expected})`);
    for (const fragment of fragments) {
      f.fragments++;
      // Attached: the issue holding the fragment says something besides it.
      const holder = issues.find((i) => content(i.text).includes(content(fragment)));
      if (issues.length === 1 || (holder && content(holder.text).length > content(fragment).length)) f.attached++;
      else wrong.push(`「${fragment}」 stood alone`);
    }
    for (const clause of splitClauses(normalizeText(message))) {
      if (!fragments.some((fragment) => content(fragment) === content(clause.text))) continue;
      f.clauses++;
      if (readsAsFragment(recognizer.classifier, clause.text)) f.recognised++;
      else wrong.push(`「${clause.text}」 not taken for a fragment`);
    }
    f.spurious += Math.max(0, got.length - want.length);
    const opened = u.category === 'none' ? got : grievancesOf(u, INTAKE.minIssueConfidence).map((i) => i.category as string);
    f.intakeSpurious += Math.max(0, opened.length - want.length);
    if (want.length >= 2) f.intakeMultiFound += want.filter((c) => opened.includes(c)).length;
    if (want.length >= 2) {
      f.multi += want.length;
      f.multiFound += want.filter((c) => got.includes(c)).length;
    } else {
      f.single++;
      if (got.length === 1) f.singleKept++;
    }
    if (wrong.length) f.misses.push(`${message} → ${wrong.join('; ')}`);
  }
  return f;
}

describe('fragments side with the grievance next to them', () => {
  test.each([
    ['都一个月了！', true],
    ['气死我了！！！', true],
    ['什么玩意！！', true],
    ['我是十年的老用户了', true],
    ['到现在也没人来', true],
    ['我是做生意的', true],
    ['等了俩小时了', true],
    ['什么鬼', true],
    ['😡😡😡 ', true],
    ['我这个号用了十几年了', true],
    ['每个月扣三百多', false],
    ['打了三次电话', true],
    ['手机不会用了', false],
    ['网速慢得要死', false],
    ['又多扣我十块', false],
    ['营业员态度差', false],
    ['凭什么？', true],
    ['为什么扣我钱', false],
    ['三天两头的', true],
    ['又是这样，', true],
    ['我要投诉到工信部', true],
    ['', false],
  ])('%s is a fragment: %s', (clause, fragment) => {
    expect(isFragment(clause)).toBe(fragment);
  });

  test('「都一个月了！」 is part of the signal complaint, not a billing dispute', () => {
    const u = recognizer.understand('我家手机信号特别差，打电话老断线，都一个月了！');
    expect(u.issues.map((i) => i.category)).toEqual(['product_quality']);
  });

  test.each([
    ['又是断网又是扣费', ['又是断网', '又是扣费']],
    ['信号差还乱扣钱', ['信号差', '还乱扣钱']],
    ['修完还收了一百五的上门费', ['修完', '还收了一百五的上门费']],
    ['态度还很差', ['态度还很差']],
    ['宽带到现在还没修好', ['宽带到现在还没修好']],
    ['办个副卡又要户口本', ['办个副卡又要户口本']],
    ['客服还推来推去', ['客服还推来推去']],
    ['营业员还说是我自己开的', ['营业员还说是我自己开的']],
    ['而且客服还挂我电话', ['而且客服还挂我电话']],
    ['最后还让我自己去查', ['最后还让我自己去查']],
    ['为什么还每个月扣5块钱', ['为什么还每个月扣5块钱']],
  ])('%s may hold grievances told in one breath: %j', (clause, parts) => {
    const bounds = [0, ...innerCuts(clause), clause.length];
    expect(bounds.slice(1).map((end, k) => clause.slice(bounds[k], end))).toEqual(parts);
  });

  test('a space between words typed as a comma ends a clause; one between two short words does not', () => {
    expect(splitClauses('宽带又断了 打客服没人接 都三天了').map((c) => c.text.trim())).toEqual(['宽带又断了', '打客服没人接', '都三天了']);
    expect(splitClauses('我家 宽带 老断').map((c) => c.text)).toEqual(['我家 宽带 老断']);
    const u = recognizer.understand('宽带又断了 打客服没人接 都三天了');
    expect(u.issues.map((i) => i.category)).toEqual(['after_sales', 'service_attitude']);
  });

  test('neighbours of one category after refiling are one issue', () => {
    const u = recognizer.understand('家里网络天天掉线，路由器也重启过了，还是不行');
    expect(u.issues.map((i) => i.category)).toEqual(['after_sales']);
  });

  test('a weak second grievance of a category told already joins its neighbour', () => {
    const u = recognizer.understand(
      '营业厅小哥推荐我办了个“免费”的宽带，说手机套餐加10块就送，结果宽带装上就没好用过，天天断，加的10块倒是每个月准时扣。',
    );
    expect(u.issues.map((i) => i.category)).toEqual(['after_sales', 'billing_dispute']);
    expect(u.issues[0].text).toMatch(/^营业厅小哥推荐我办了个/);
  });

  test('real second grievances still split off', () => {
    const u = recognizer.understand('宽带坏了，都三天了还没人来修，而且话费还多扣了');
    expect(u.issues.map((i) => i.category)).toEqual(['after_sales', 'billing_dispute']);
    expect(u.issues[0].text).toBe('宽带坏了，都三天了还没人来修');
  });
});

// Clauses on their own: the many ways a customer says how long, how angry, who she is, or asks
// instead of telling (「从国庆到现在」, 「太让人寒心了」, 「你们还想不想干了」, 「我人在外地」), and
// grievances that must stay grievances (「打客服电话没人接」). Both shares were written in one
// list before the rule was widened; every fourth row is the held-out share, never tuned on. First
// measured: tuning 35/177 fragments, held-out 13/59, no grievance taken for a fragment in either.
// The second tuning table (1,000 clauses, half of them fragments, written by another pair of
// hands with many near misses on both sides) was added with the fragment head, whose training
// data it is; measured then: 380/500 fragments, 499/500 grievances kept. The one taken,
// 「等了三天没人来」, is a wait with nobody coming, which the first tables call how long it has
// been unresolved (「到现在也没人来」) and this one a missed visit. The clause tables read each
// clause on its own, the written expressions first, then the head (fragmentHead.ts); with the
// head the held-out share went from 52/59 to 56/59.
// More written expressions, from the second tuning table's clauses (chat words of dismay, asked
// «凭什么», steering the telling «对了», «补充一下», threats to go to the regulator, what the fault
// cost the customer): tuning2 380/500 → 434/500, held-out 56/59 → 57/59, no more grievances taken.
describe.each([
  ['fragmentClauses.tuning.tsv', { recall: 1, taken: 0 }],
  ['fragmentClauses.heldout.tsv', { recall: 0.96, taken: 0 }],
  ['fragmentClauses.tuning2.tsv', { recall: 0.88, taken: 1 }],
])('%s', (table, bar) => {
  const rows = readCaseTable(table, 2);
  const fragments = rows.filter(([, f]) => f === '1').map(([clause]) => clause);
  const grievances = rows.filter(([, f]) => f === '0').map(([clause]) => clause);
  const missed = fragments.filter((clause) => !readsAsFragment(recognizer.classifier, normalizeText(clause)));
  const taken = grievances.filter((clause) => readsAsFragment(recognizer.classifier, normalizeText(clause)));

  it(`takes fragments for fragments: ${fragments.length - missed.length}/${fragments.length} (${percent(fragments.length - missed.length, fragments.length)})`, () => {
    expect({ recall: (fragments.length - missed.length) / fragments.length >= bar.recall, missed }).toEqual({ recall: true, missed });
  });

  it(`keeps grievances grievances: ${grievances.length - taken.length}/${grievances.length}`, () => {
    expect(grievances.length).toBeGreaterThanOrEqual(15);
    expect({ taken: taken.length <= bar.taken, list: taken }).toEqual({ taken: true, list: taken });
  });
});

// The tuning table was read while writing intents/fragments.ts and the inner cuts of
// intents/grievances.ts; its bars are what it measures.
// The held-out table was written before the rule was changed and measured once, at the end; its
// first bars were that honest measurement (76/76 attached, 65/72 fragment clauses recognised,
// 51/58 found, 5 spurious in 106 messages, 74/78 kept as one, 87/106 exact), rounded down. Its
// misses have since been read, so it no longer measures unseen messages alone; its bars are now
// what it reached after issue 9 (55/58 found, 4 spurious), rounded down.
// A bare subject before 还 is no grievance of its own («客服还不给退» is not 「客服」 + 「还不给退」):
// one grievance found by that accident is no longer found (54/58), and one spurious issue less.
// The second held-out table (184 messages, 87 with two to four grievances) was written before
// the issue 9 rule changes and is never tuned on. First measured: 73/79 attached, 18/78 fragment
// clauses recognised, 158/192 found, 8 spurious, 90/97 kept as one, 140/184 exact. After the
// changes: 73/79, 26/78, 164/192, 10 spurious, 91/97, 144/184. The bars are the later figures
// rounded down, except spurious issues: cutting a clause at 还 or 又是 finds six more grievances
// there and adds two spurious issues (0.43 → 0.54 per ten), still well inside the issue's limit
// of one in ten, so that bar moved from 0.5 to 0.6.
// Widening the fragment rule on the clause tables above (never on this one) took its fragment
// clauses from 26/78 to 34/78 and its spurious issues from 10 to 9; recall stayed 164/192.
// The issue's goal for multi-grievance recall is 0.90: the second held-out table is not there yet.
// The third held-out table (227 messages, 116 with two to four grievances, 204 fragments) was
// written before any further rule change and is never tuned on. Measured when it was added:
// 196/204 attached, 41/132 fragment clauses recognised, 220/254 found, 28 spurious (1.23 per ten),
// 102/111 kept as one, 178/227 exact. The bars are those figures rounded down to the hundredth,
// and the spurious bar rounded up to the next 0.05; one more miss in any figure but multi (two
// there), or one more spurious issue, fails it. Fragments typed between spaces rather than
// punctuation are measured for attachment only: the clause split does not cut at those spaces.
// Spurious issues here are above the issue's limit of one in ten, and multi below its goal of 0.90.
// After the fragment rule was widened on the clause tables (this table unseen): 197/204 attached,
// 62/132 fragment clauses, 221/254 found, 27 spurious, 102/111 kept as one, 179/227 exact.
// With a space between words read as a comma (each side three characters or more), and no cut
// after a bare subject: 195/204 attached, 83/186 fragment clauses (the spaced ones now count),
// 239/254 found (94.1%), 31 spurious (1.37 per ten), 102/111 kept as one, 186/227 exact. The
// clauses typed between spaces are more often read as issues of their own: spurious issues rose.
// A fourth pair of hands wrote 400 messages in one list (200 with two to four grievances, 487
// fragments), without reading the rules or the other tables, before any rule change here. Every
// other row went to a second tuning table, the rest to a fourth held-out table, never tuned on.
// Measured when they were added: tuning2 241/245 attached, 76/204 fragment clauses, 172/204
// found (84.3%), 15 spurious (0.75 per ten), 95/104 kept as one, 135/200 exact; heldout4 231/242,
// 61/197, 190/224 (84.8%), 25 spurious (1.25 per ten), 87/96, 124/200. The bars are those
// figures rounded down (spurious up to the next 0.05).
// Then, tuned on tuning2 and the clause tables only: more written expressions (talk about the
// telling, counts of calls, who one is), no cut at 还 after a person or a time («修它的师傅还说…»,
// «而且上个月还断了两天网») and a cut before the person instead («宽带天天断客服还不管»), «…不说，»
// and 一、二、 as the breaks they are, and the fragment head, which reads clauses from the model's
// own features. «Recognised» now counts what the split uses, the expressions or the head.
//   heldout2 74/79 attached, 54/79 recognised, 165/192 found (166 before), 8 spurious (9), 91/97, 146/184;
//   heldout3 200/204 (195), 133/186 (88), 239/254 (239), 26 spurious (31: 1.37 → 1.15 per ten), 104/111 (102), 191/227 (186);
//   tuning2 245/245, 177/205, 174/204, 12 spurious, 97/104, 138/200;
//   heldout4 233/242 (231), 97/197 (61), 190/224 (190), 21 spurious (25: 1.25 → 1.05 per ten), 89/96 (87), 129/200 (124).
// Both newer held-out tables stay above the issue's limit of one spurious issue in ten messages.
// The fourth pair of hands was briefed with «broadband dropping» under network quality, against
// the project's reading of DOMAIN.md (a home line that drops is after-sales, deviceFaults.ts):
// 12 grievances of tuning2 and 11 of heldout4 are a home line the recognizer files as after-sales
// where the table says network quality. Counted as found, multi would read 91.2% and 89.7%.
// The net told together with one's home («俺家那网老是断») is the home line, after-sales, as DOMAIN.md
// files a broadband line that drops (deviceFaults.ts); the tuning table had it as network
// quality and was corrected. heldout4's writer files home broadband drops as network quality:
// two rows there are no longer exact (129 → 127/200).
// Then, tuned on the tuning tables only: no inner cut after nothing but a connector («而且|客服还挂
// 我电话» made 「而且」 an issue), the clause after 既/不光… and after a 、-listed item opens a
// grievance as a connector does, and the written expressions above:
//   tuning 218/218 recognised (217), 165/179 found (164), 4 spurious (5), 275/306 exact (273);
//   tuning2 190/205 recognised (177), 174/204 found, 12 spurious;
//   held-out, a check only: heldout2 55/79 (54); heldout3 137/186 (133); heldout4 99/197 (97);
//   found and spurious unchanged in all three. Lower switch penalties with a higher probability
//   floor found four more grievances in tuning2 with no more spurious issues there, but on the
//   held-out check fewer were found and heldout3 rose to 1.28 spurious per ten: not taken.
// tuning2 filed eight home-broadband, 光猫 and home Wi-Fi faults as network quality against
// DOMAIN.md; corrected to after-sales: 182/204 found (174), 144/200 exact (138). The held-out
// tables were written to the same brief and keep theirs, so their figures undercount.
// Tuned on tuning3 (and the older tuning tables): more written fragments (the errand counted, «我都要
// 跑第四趟了»; how the customer found out, «回家看短信才发现»; what one learnt, «我算是看透了»; a
// remedy asked for, «我要求降价或者退费»; the full price paid set against the fault, «钱一分没少交»;
// «唠叨两句», «客服小姐姐», «我一个当妈的», a connector before any of them, «并且投诉她»), and 另外 in
// mid-clause before a verb of paying («要另外收99») or 还有 after a place («余额里还有87块») no
// connector, 还剩 no inner cut. tuning3 1.60 → 1.10 spurious per ten, 114 → 121/200 exact,
// found unchanged (189/240); heldout4 20 spurious (21), 100/197 recognised (99); heldout3 136/186
// recognised (137); the other figures unchanged.
// The split then weighs a clause that names a broken home line or device as it will be filed,
// after-sales (a fault told right after it without naming the device again is the same
// device's), and a grievance's confidence is read without the fragments at its ends:
//   tuning3 192/240 found (189), 124/200 exact (121); heldout 2 spurious (3); heldout2 169/192 (165);
//   heldout4 194/224 (190), 19 spurious (20); heldout5 188/240 (187), 27 spurious (29).
//   tuning 164/179 (165): «宽带老掉线。另外，装机的时候师傅多收了我八十块» is now one after-sales
//   grievance, the model reading the installer's charge as after-sales nearly as much as billing.
// What someone said was done («每回都说改好了») no longer reads as the complaint withdrawn: a
// message in tuning3 and one in heldout5 that were filed as no complaint at all are filed again,
// tuning3 194/240 (192), heldout5 190/240 (188), the latter with one spurious issue (27 → 28).
// What was bought or done, told as the stage for the grievance («我在app上办的流量包», «上个月在营业厅
// 办的宽带续约», «今天去营业厅办业务»), is a fragment when nothing but what the product is called
// follows: tuning3 18 spurious (22), 192/240 found (194: two business grievances were found only
// through such a clause), 126/200 exact (125); heldout3 25 spurious (26), 192/227 exact (191);
// heldout4 18 spurious (19); the clause table tuning2 443/500 fragments (434).
// A price raised without a word («从600涨到了960 也没提前通知我») is a grievance cue, so 价格 no longer
// makes the message a pre-sales question, and praise in scare quotes («真是“专业”») is no praise:
// two tuning3 messages read as no complaint are filed, 128/200 exact (126), 78/90 kept as one (77).
// More written fragments: how long the fault has lasted with its verb («坏了八天了», «扣了一年了»,
// «现在一个月过去了», «一直没人来修»; not 报修/修, whose «报修了五天没人来» is a missed visit), «老问题了»,
// «月月这样», chat words of dismay («折腾死人了», «急得我团团转», «我当时就懵了», «心里憋屈»), asked
// («这是什么道理», «有用吗», «我投诉谁去»), and who is speaking («我在村里住», «儿子在外地», «独居»,
// «我就是户主», «平常就靠手机跟他们视频»): tuning3 147/198 fragment clauses (117), found and spurious
// unchanged; heldout4 104/197 (101), heldout5 102/196 (101) and 26 spurious (27), heldout 95/106
// exact (94). «别扭» and «收款码靠…» are left out: with them taken as fragments a neighbouring clause
// the model misreads stands alone (tuning3 one grievance less and one spurious issue more).
// 还 after a question word («为什么还每个月扣5块钱») is the question's «still», no inner cut, and
// «等了一年了也没改», «每年宽带费可一分不少交» are fragments: tuning3 16 spurious (18).
// Praise words denied («一点耐心都没有», Cantonese «冇礼貌») and «被停了» are grievance cues: three
// complaints of the older tuning tables read as praise or a question are filed (tuning 276/306
// exact), and one in heldout5 (192/240 found, 190 before).
// A second grievance of a category told already in the message, read less surely than 0.9, joins
// its neighbour (recognizer.ts): found is unchanged everywhere (the category is still there);
// spurious issues tuning3 16 → 13, tuning2 12 → 11, heldout3 25 → 18, heldout4 18 → 14, heldout5
// 26 → 24; exact tuning3 132/200 (130), heldout3 193/227 (192), heldout4 131/200 (128).
describe.each([
  ['fragments.tuning.tsv', { attached: 1, recognised: 1, multi: 0.91, spuriousPerTen: 0.15, single: 0.98, exact: 0.9 }],
  ['fragments.heldout.tsv', { attached: 1, recognised: 1, multi: 0.93, spuriousPerTen: 0.2, single: 0.98, exact: 0.89 }],
  ['fragments.heldout2.tsv', { attached: 0.93, recognised: 0.69, multi: 0.88, spuriousPerTen: 0.45, single: 0.93, exact: 0.81 }],
  ['fragments.heldout3.tsv', { attached: 0.98, recognised: 0.73, multi: 0.94, spuriousPerTen: 0.8, single: 0.94, exact: 0.85 }],
  ['fragments.tuning2.tsv', { attached: 1, recognised: 0.92, multi: 0.89, spuriousPerTen: 0.55, single: 0.93, exact: 0.725 }],
  ['fragments.heldout4.tsv', { attached: 0.97, recognised: 0.52, multi: 0.86, spuriousPerTen: 0.7, single: 0.92, exact: 0.655 }],
  // A fifth pair of hands, written blind (before reading any recognizer code), one list of 400
  // split by alternate rows; floors were the figures as first measured, before any tuning on tuning3
  // (tuning3 188/198 attached, 104/198 recognised, 189/240 found, 1.60 spurious, 74/90, 114/200),
  // and are raised to what tuning3 reaches after each change tuned on it (comment below the table).
  ['fragments.tuning3.tsv', { attached: 0.98, recognised: 0.74, multi: 0.8, spuriousPerTen: 0.65, single: 0.87, exact: 0.66 }],
  ['fragments.heldout5.tsv', { attached: 0.94, recognised: 0.52, multi: 0.8, spuriousPerTen: 1.2, single: 0.87, exact: 0.625 }],
])('%s', (table, bar) => {
  const f = measure(table);
  const misses = f.misses.join('\n');
  const spuriousPerTen = (10 * f.spurious) / f.messages;

  it(`joins fragments to the grievance next to them: ${f.attached}/${f.fragments} (${percent(f.attached, f.fragments)})`, () => {
    expect({ attached: f.attached / f.fragments >= bar.attached, misses }).toEqual({ attached: true, misses });
  });

  it(`takes the fragment clauses for fragments: ${f.recognised}/${f.clauses} (${percent(f.recognised, f.clauses)})`, () => {
    expect({ recognised: f.recognised / f.clauses >= bar.recognised, misses }).toEqual({ recognised: true, misses });
  });

  it(`finds each grievance of a multi-grievance message: ${f.multiFound}/${f.multi} (${percent(f.multiFound, f.multi)})`, () => {
    expect({ multi: f.multiFound / f.multi >= bar.multi, misses }).toEqual({ multi: true, misses });
  });

  it(`adds few spurious issues: ${spuriousPerTen.toFixed(2)} per ten messages (${f.spurious} in ${f.messages})`, () => {
    expect({ spurious: spuriousPerTen <= bar.spuriousPerTen, misses }).toEqual({ spurious: true, misses });
  });

  // What the customer meets: the intake folds a grievance the model is unsure of into its
  // neighbour (dialogs/intakeProgress.ts grievancesOf, at the intake's default confidence).
  it(`as the intake opens them: ${f.intakeMultiFound}/${f.multi} found (${percent(f.intakeMultiFound, f.multi)}), ${((10 * f.intakeSpurious) / f.messages).toFixed(2)} spurious per ten`, () => {
    expect(f.intakeSpurious).toBeLessThanOrEqual(f.spurious);
    expect(f.intakeMultiFound).toBeLessThanOrEqual(f.multiFound);
  });

  it(`keeps a single grievance as one issue: ${f.singleKept}/${f.single} (${percent(f.singleKept, f.single)})`, () => {
    expect({ single: f.singleKept / f.single >= bar.single, misses }).toEqual({ single: true, misses });
  });

  it(`reads the grievances exactly, in order: ${f.exact}/${f.messages} (${percent(f.exact, f.messages)})`, () => {
    expect({ exact: f.exact / f.messages >= bar.exact, misses }).toEqual({ exact: true, misses });
  });
});
