import type { CategoryId, Label } from '../../src/domain/category';
import type { EscalationSignal, IssueUnderstanding, Recognizer, Slots, SmallTalk, Understanding } from '../../src/domain/understanding';

/**
 * A keyword recognizer for dialog tests that need exact control. It is not the product's
 * understanding (intents/ is): it knows just enough words to drive the conversations in the
 * tests, and `script` pins the Understanding of a given message exactly.
 */
const CATEGORY_WORDS: Array<[CategoryId, RegExp]> = [
  ['service_attitude', /态度|不耐烦|吼|挂.*电话|爱理不理|骂/],
  ['billing_dispute', /扣费|扣了|账单|退钱|多收|乱收费|话费/],
  ['after_sales', /报修|维修|光猫|机顶盒|坏了|上门/],
  ['business_handling', /办不了|没生效|失败|排队|补卡|销户|携号转网/],
  ['product_quality', /信号|网速|掉线|没服务|限速|上不了网/],
];

const SMALL_TALK: Array<[SmallTalk, RegExp]> = [
  ['human', /转人工|人工客服/],
  ['cancel', /^取消$|^算了$|^不办了$/],
  ['restart', /^重新说$|^重来$/],
  ['help', /^帮助$|你能做什么/],
  ['hours', /营业时间|几点开门/],
  ['bye', /^再见$|^拜拜$/],
  ['thanks', /谢谢|感谢/],
  ['greeting', /^(你好|您好|在吗)/],
];

const SIGNALS: Array<[EscalationSignal, RegExp]> = [
  ['regulator', /工信部|通信管理局|12300/],
  ['media', /媒体|曝光/],
  ['lawyer', /律师|起诉/],
  ['elderly', /老人|大爷|大妈|我年纪大|岁了|老年/],
];

function slotsOf(text: string): Slots {
  const slots: Slots = {};
  const amount = /(\d+(?:\.\d+)?)\s*(?:元|块)/.exec(text);
  if (amount) slots.amount = amount[1];
  const month = /(\d{1,2}月|上个?月|这个?月|本月)/.exec(text);
  if (month) slots.month = month[1];
  const place = /([\u4e00-\u9fa5]{2,8}(?:小区|营业厅|路|大厦|车库))/.exec(text);
  if (place) slots.place = place[1];
  const since = /(昨天|前天|上周|最近一周|\d+天)/.exec(text);
  if (since) slots.date = since[1];
  const staff = /工号\s*(\d{3,})/.exec(text);
  if (staff) slots.staffId = staff[1];
  const model = /(iPhone\s*\d+|华为\s*\w+|小米\s*\d+)/i.exec(text);
  if (model) slots.phoneModel = model[1];
  return slots;
}

function angerOf(text: string): number {
  let anger = 0.2;
  if (/气死|垃圾|骗子|什么玩意|太过分|受够/.test(text)) anger += 0.5;
  if (/[！!]{2,}/.test(text)) anger += 0.2;
  return Math.min(1, anger);
}

function issuesOf(text: string): IssueUnderstanding[] {
  const issues: IssueUnderstanding[] = [];
  for (const clause of text.split(/[。；;\n]|(?:还有|另外|而且)[，,]?/)) {
    const hit = CATEGORY_WORDS.find(([, words]) => words.test(clause));
    if (!hit) continue;
    const last = issues[issues.length - 1];
    if (last?.category === hit[0]) last.text += `，${clause.trim()}`;
    else issues.push({ category: hit[0], text: clause.trim(), confidence: 0.9 });
  }
  return issues;
}

export class FakeRecognizer implements Recognizer {
  readonly heard: string[] = [];

  constructor(private readonly script: Record<string, Partial<Understanding>> = {}) {}

  understand(text: string): Understanding {
    this.heard.push(text);
    const issues = issuesOf(text);
    const signals = SIGNALS.filter(([, words]) => words.test(text)).map(([s]) => s);
    const anger = angerOf(text);
    if (anger >= 0.7) signals.push('anger');
    const category: Label = issues[0]?.category ?? 'none';
    const smallTalk = SMALL_TALK.find(([, words]) => words.test(text.trim()))?.[0];
    const base: Understanding = {
      text,
      category,
      confidence: issues.length ? 0.9 : 0.3,
      issues,
      emotion: { anger },
      signals,
      escalationRisk: signals.some((s) => s !== 'anger') || anger >= 0.7,
      slots: slotsOf(text),
      ...(smallTalk ? { smallTalk } : {}),
    };
    return { ...base, ...this.script[text], text };
  }
}
