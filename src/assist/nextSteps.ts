import type { Case } from '../domain/case';
import type { CategoryId } from '../domain/category';
import type { SlotName } from '../domain/understanding';
import { caseCategories, DEFAULT_TIME_ZONE, formatDue } from './caseFacts';
import { matchForm } from './matchText';
import type { NextStep } from './types';

/**
 * The checklist for the case in front of the agent (DOMAIN.md «What to ask per category» and the
 * handling flow): the category's questions and actions, then the common tail (promise a deadline,
 * tell the result, follow up on satisfaction). `done` is only a default: true where the case's
 * slots, the answers the bot collected or the transcript already cover the step. The console
 * keeps the agent's own ticks under the same ids.
 */

/** What the case has said so far, in matching form (simplified, 您→你, no spaces). */
interface Evidence {
  c: Case;
  /** Answers the bot collected for issues of this category, by question id. */
  answers: Record<string, string>;
  /** The customer's words about this category: issue texts, answers, customer transcript lines. */
  customer: string;
  /** What agents have written to the customer. */
  agent: string;
}

interface StepRule {
  key: string;
  text: string;
  /** Slots that settle the step; the first one present is shown as the known value. */
  slots?: SlotName[];
  /** Question ids of the intake dialogs whose answer settles the step. */
  answers?: string[];
  /** Customer words that settle it. */
  customer?: RegExp;
  /** Agent words that show it was done. */
  agent?: RegExp;
  /** Text adapted to the case, e.g. stressing missed appointments. */
  adapt?: (e: Evidence) => string | undefined;
}

const APOLOGISED = /抱歉|对不起|道歉|不好意思|赔不是/;

const CHECKLISTS: Record<CategoryId, StepRule[]> = {
  product_quality: [
    {
      key: 'place',
      text: '问清地点：小区/路名或地标，室内、室外还是地下',
      slots: ['place'],
      answers: ['place'],
      customer: /小区|路|街|村|镇|大厦|广场|商场|公司|学校|地铁|车库|地下|楼|室内|室外|屋里|家里|家中/,
    },
    {
      key: 'since',
      text: '问清从什么时候开始、哪些时段明显',
      slots: ['date', 'time', 'duration'],
      answers: ['since'],
      customer:
        /从.{0,10}(开始|以来|起)|最近|这几天|好几天|一直|每天|天天|经常|总是|老是|晚上|早上|白天|上午|下午|半夜|昨天|前天|上周|[0-9一二两三四五六七八九十几半]+(天|周|个?星期|个?月|年)(了|以来|多)/,
    },
    {
      key: 'phoneModel',
      text: '问手机型号和系统版本',
      slots: ['phoneModel'],
      answers: ['phoneModel'],
      customer: /iphone|苹果|华为|荣耀|小米|红米|oppo|vivo|三星|一加|魅族|mate|型号/i,
    },
    {
      key: 'neighbours',
      text: '问附近其他人（家人、邻居、同事）是否也这样',
      answers: ['neighbours'],
      customer: /别人|其他人|邻居|家人|家里人|同事|朋友|周围|身边|大家|都这样|也这样|只有我|就我/,
    },
    {
      key: 'selfCheck',
      text: '请客户做简单自检：重启手机、开关飞行模式、清理缓存、换个位置试试',
      customer: /重启|飞行模式|清(理|除)?缓存|换了?(个)?(地方|位置)|试过|试了|关机/,
      agent: /飞行模式|重启/,
    },
    {
      key: 'handoff',
      text: '派单给网络优化/维护部门，安排现场测试',
      agent: /网络优化|网优|网络维护|基站|派单|现场测试/,
    },
  ],
  billing_dispute: [
    { key: 'month', text: '确认有争议的账单月份', slots: ['month'], answers: ['month'] },
    {
      key: 'item',
      text: '确认是哪一项费用（增值业务、流量费、月租……）',
      answers: ['item'],
      customer: /流量费|话费|月租|套餐费|彩铃|会员|增值|短信费|漫游|违约金|宽带费|滞纳金|通话费|功能费|包月|订阅|视频|音乐|游戏/,
    },
    { key: 'amount', text: '确认有争议的金额', slots: ['amount'], answers: ['amount'] },
    {
      key: 'subscribed',
      text: '确认客户是否办理或订购过该业务',
      answers: ['subscribed'],
      customer: /没订|没有订|没开|没有开|没办|没有办|没申请|不知情|从来没|从没|订过|开通过|办过|自己开的|莫名其妙/,
    },
    {
      key: 'evidence',
      text: '调取并向客户出示依据：合同/协议、订购短信、系统订购与扣费记录',
      agent: /合同|协议|订购记录|扣费(明细|记录)|系统记录|短信(记录|通知|提醒)|办理记录|详单/,
    },
    {
      key: 'refund',
      text: '核实为我方差错的，按规定退费，视情况给予适当补偿',
      agent: /退(还|回|费|款|给你)|返还|补偿|赠送/,
    },
  ],
  service_attitude: [
    {
      key: 'where',
      text: '问清是哪个营业厅，还是热线/在线客服',
      slots: ['place'],
      answers: ['where'],
      customer: /营业厅|门店|网点|热线|客服电话|打电话|电话里|10086|10000|10010|app|在线客服/i,
    },
    {
      key: 'when',
      text: '问清发生的日期和时间',
      slots: ['date', 'time'],
      answers: ['when'],
      customer: /昨天|前天|今天|上午|下午|中午|晚上|早上|上周|上个?星期|[0-9一二三四五六七八九十]+(月|号|日|点)|刚才|刚刚/,
    },
    {
      key: 'staff',
      text: '问工作人员姓名或工号（记不得也没关系）',
      slots: ['staffId'],
      answers: ['staff'],
      customer: /工号|胸牌|不记得名字|不知道名字|没看到工号/,
    },
    {
      key: 'said',
      text: '了解经过：对方说了什么、做了什么',
      answers: ['said'],
      customer: /说我|骂|吼|凶|嘲笑|讽刺|挂了?电话|挂断|不理|爱理不理|翻白眼|赶我|冷冰冰|推来推去|踢皮球|他说|她说|对方说/,
    },
    { key: 'apologise', text: '向客户真诚道歉', agent: APOLOGISED },
    {
      key: 'feedback',
      text: '把情况反馈给涉事营业厅/班组核实处理，并把处理结果告知客户',
      agent: /反馈给|转给.{0,6}(营业厅|班组|负责人|主管)|通报|核实处理/,
    },
  ],
  business_handling: [
    {
      key: 'transaction',
      text: '确认办理的是哪项业务（改套餐、补卡、销户、过户、携号转网、实名……）',
      answers: ['transaction'],
      customer: /套餐|销户|过户|补卡|换卡|携号转网|转网|实名|宽带|停机|复机|改号|办卡|开户|变更|升级|降档|合约|副卡|亲情号/,
    },
    {
      key: 'channel',
      text: '确认办理渠道：营业厅、App、热线还是网上',
      answers: ['channel'],
      customer: /营业厅|门店|网点|app|客户端|小程序|公众号|网上|官网|热线|打电话|10086|10000|10010|短信办理/i,
    },
    {
      key: 'failure',
      text: '确认哪一步出了问题：办不了、报错，还是办了没生效',
      answers: ['failure'],
      customer: /失败|没生效|未生效|不生效|办不了|办不成|没办成|没成功|不成功|报错|卡住|没反应|一直在处理|排队|退回|驳回|不给办/,
    },
    {
      key: 'told',
      text: '了解当时工作人员或系统是怎么答复的',
      answers: ['told'],
      customer: /告诉我|跟我说|说要|说是|让我|叫我|提示|答复|回复说|说等/,
    },
  ],
  after_sales: [
    {
      key: 'device',
      text: '确认是哪台设备或哪条线路（光猫、机顶盒、宽带、手机……）',
      slots: ['phoneModel'],
      answers: ['device'],
      customer: /光猫|机顶盒|路由|宽带|网线|座机|固话|电视|iptv|手机|终端|wifi|无线/i,
    },
    {
      key: 'symptom',
      text: '问清故障现象（指示灯、断网、无画面……）',
      answers: ['symptom'],
      customer: /坏了|不亮|红灯|闪|不能用|用不了|没网|上不了网|断网|掉线|黑屏|没画面|没信号|开不了机|死机|卡|没声音|很慢/,
    },
    {
      key: 'tried',
      text: '问客户已经试过哪些办法（重启、插拔网线……），不要让客户重复',
      answers: ['tried'],
      customer: /重启|拔|插|断电|复位|重置|试过|试了|换过|检查过/,
    },
    {
      key: 'ticket',
      text: '查之前的报修单号和处理记录',
      answers: ['ticket'],
      customer: /报修单|单号|工单|没报修|没有报修|还没报/,
    },
    {
      key: 'missed',
      text: '确认是否有约好却没上门的情况',
      answers: ['missed'],
      customer: /没来|没人来|没人上门|没上门|不上门|爽约|放鸽子|白等|约好|预约|师傅/,
    },
    {
      key: 'visit',
      text: '安排上门维修，和客户约定具体时段',
      agent: /上门|师傅.{0,6}(联系|过去|到)|约(好|定)?.{0,6}(时间|时段)/,
      adapt: (e) =>
        /没来|没人来|没人上门|没上门|不上门|爽约|放鸽子|白等/.test(e.customer)
          ? '之前约好没上门：优先安排上门维修，约定具体时段并提前电话确认'
          : undefined,
    },
  ],
};

function evidenceFor(c: Case, category: CategoryId | undefined): Evidence {
  const issues = category ? c.issues.filter((i) => i.category === category) : c.issues;
  const answers: Record<string, string> = {};
  for (const issue of issues) {
    for (const [id, value] of Object.entries(issue.answers)) if (value?.trim() && !answers[id]) answers[id] = value.trim();
  }
  const customerLines = c.transcript.filter((t) => t.from === 'customer').map((t) => t.text);
  const customer = matchForm([...issues.flatMap((i) => [i.text, ...Object.values(i.answers)]), ...customerLines].join('\n'));
  const agent = matchForm(
    c.transcript
      .filter((t) => t.from === 'agent')
      .map((t) => t.text)
      .join('\n'),
  );
  return { c, answers, customer, agent };
}

function stepOf(category: string, rule: StepRule, e: Evidence): NextStep {
  const slot = rule.slots?.find((s) => e.c.slots[s]?.trim());
  const answer = rule.answers?.find((id) => e.answers[id]);
  const done = Boolean(slot) || Boolean(answer) || Boolean(rule.customer?.test(e.customer)) || Boolean(rule.agent?.test(e.agent));
  let text = rule.adapt?.(e) ?? rule.text;
  // Show the known value so the agent does not ask again: «确认有争议的金额（已知：30）».
  const known = slot ? e.c.slots[slot] : answer && e.answers[answer].length <= 20 ? e.answers[answer] : undefined;
  if (known) text += `（已知：${slot === 'amount' && /^[0-9.]+$/.test(known.trim()) ? `${known.trim()} 元` : known.trim()}）`;
  return { id: `${category}.${rule.key}`, text, done };
}

const DEADLINE_PROMISED =
  /[0-9一二两三四五六七八九十几]+(个)?(小时|工作日|天)(之?内)|(前|之前)(给你|回复|答复|联系|回电|处理)|(今天|明天|后天).{0,6}(前|之前|以内)/;
const RESULT_TOLD = /处理结果|已经(为你|帮你|给你)?(退|办好|修好|恢复|处理好|解决|办理成功)|已(退还|退回|办理成功|修复|恢复|解决)/;
const SATISFACTION_ASKED = /满意吗|是否满意|满不满意|满意度|回访|还满意/;
const ESCALATED = /主管|值班经理|升级|专人|专项/;

/** Steps every case ends with (DOMAIN.md «Deadlines» and the handling flow). */
function commonTail(c: Case, e: Evidence, timeZone: string): NextStep[] {
  const due = formatDue(c.responseDueAt, timeZone);
  const steps: NextStep[] = [];
  if (c.escalationRisk) {
    steps.push({
      id: 'common.escalate',
      text: '有升级风险（强烈不满、重复投诉、扬言找监管/媒体/律师或老年客户）：报值班主管关注',
      done: ESCALATED.test(e.agent),
    });
  }
  steps.push(
    {
      id: 'common.deadline',
      text: due ? `向客户承诺答复时限：不晚于 ${due}（工单 ${c.ticketId}）` : `向客户承诺答复时限（工单 ${c.ticketId}）`,
      done: DEADLINE_PROMISED.test(e.agent),
    },
    {
      id: 'common.result',
      text: '问题解决后 24 小时内告知客户结果：原因、解决办法、补偿（如有）和改进措施，并致谢',
      // Resolving a case sends the customer the result notice (cause, solution, compensation).
      done: Boolean(c.resolution) || RESULT_TOLD.test(e.agent),
    },
    {
      id: 'common.followup',
      text: '回访客户满意度；不满意的 48 小时内再次联系',
      done: SATISFACTION_ASKED.test(e.agent),
    },
  );
  return steps;
}

export interface NextStepsOptions {
  timeZone?: string;
}

/**
 * The category's checklist, then the common tail. A case with several grievances of different
 * categories gets each category's steps, the main category first. A bare request for a human
 * (no category yet) starts with finding out what happened.
 */
export function nextSteps(c: Case, options: NextStepsOptions = {}): NextStep[] {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const categories = caseCategories(c);
  const steps: NextStep[] = [];
  if (categories.length === 0) {
    const e = evidenceFor(c, undefined);
    steps.push({ id: 'common.understand', text: '请客户说说遇到了什么问题，确定投诉类别', done: false });
    return [...steps, ...commonTail(c, e, timeZone)];
  }
  for (const category of categories) {
    const e = evidenceFor(c, category);
    for (const rule of CHECKLISTS[category]) steps.push(stepOf(category, rule, e));
  }
  return [...steps, ...commonTail(c, evidenceFor(c, undefined), timeZone)];
}
