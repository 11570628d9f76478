import type { Case } from '../domain/case';
import type { CategoryId } from '../domain/category';
import { THREAT_SIGNALS } from '../domain/understanding';
import { DEFAULT_TIME_ZONE, fillTemplate, primaryCategory, replyFacts, type ReplyFacts } from './caseFacts';
import { matchForm } from './matchText';
import { asTemplate, CATEGORY_PHRASES, GENERIC_PHRASES, PERSONA_FLAGS, type ReplyFlag, type ReplyTemplate } from './replyPhrases';
import { hashSeed } from './seed';
import type { Suggestion, SuggestionFamily } from './types';

export interface SuggestRepliesInput {
  case: Case;
  latestCustomerText: string;
  /** Anger of the latest customer message, 0 calm … 1 furious (the recognizer's scale). */
  anger: number;
  /** Conversation turn; defaults to the number of customer lines in the transcript. */
  turn?: number;
  /** The agent's 工号, for replies in which the agent takes personal charge; defaults to the case owner's. */
  agentNo?: string;
  /** Time zone the deadline is shown in; the desk's, Asia/Shanghai, by default. */
  timeZone?: string;
}

/** The recognizer's bands, so the panel and the bot agree on who is angry. */
import { angerLevel as angerBand, type AngerLevel as AngerBand } from '../../intents/emotion';
export { ANGER_HIGH, ANGER_MID } from '../../intents/emotion';
export { angerBand, type AngerBand };

// Cues read in matching form (simplified, 您→你, no spaces).
/** The customer speaks of being old themself: «您老», «不着急» fit. */
const ELDERLY_SELF =
  /我(都|已经|今年)?[六七八九]十(多|几)?岁|我(年纪|岁数)(大|不小)|我(是|一个|这)?个?(老人|老年人|老头|老太太|老太婆|老头子|老婆子)|我(都)?退休|我(眼神不好|耳朵背|眼睛不好|看不清|不会用智能手机)|上了年纪|老年机|老人机|咱们?老(人|年人)/;
/** The customer writes for an elderly relative: speak to them normally, care for the relative. */
const ELDERLY_RELATIVE =
  /我(家)?(爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母)|爸妈|父母|家里(的)?老人|家中老人|老人家|老爷子/;
const ELDERLY_ANY = /老人|老年|[六七八九]十(多|几)?岁|年纪大|岁数大|大爷|大娘|老太太|老头|退休|不会用智能手机/;
const THREAT =
  /工信部|工业和信息化部|通信管理局|通讯管理局|通管局|管局|12300|监管|12315|315|消协|消费者协会|消保委|工商局|媒体|记者|曝光|微博|抖音|小红书|电视台|热搜|律师|起诉|法院|打官司|诉讼|仲裁|告你们|报警|维权/;
const REPEAT =
  /又(一次|来|投诉|找|打|没|坏|断|扣|出|是)|第[二三四五六几]次|多次|好几次|好几遍|屡次|三番五次|反复|再次|投诉过|上次|一次又一次|无数次|每次都|来回跑|好几趟|还是没(解决|修|办|好)|一直没(解决|修|办|人)/;
const URGENT = /急|马上|赶紧|立刻|立即|耽误|等着用|今天必须|尽快|救命|住院|医院/;
const MISSED = /没来|没人来|没人上门|没上门|不上门|爽约|放鸽子|白等|约好.{0,8}(没|不)/;
const REFUND = /退(钱|款|费|回|还|给)|还我|返还|补偿|赔偿|赔钱/;
const ASKS_WHY = /为什么|为啥|凭什么|干嘛要|怎么还要|什么意思|啥意思|有什么用|非要|非得/;
const ASKS_WHEN = /多久|什么时候|啥时候|几天|几点|要等|还得等|何时|到底哪天/;
const SAYS_THANKS = /谢谢|多谢|感谢|辛苦了|麻烦你了/;

interface ReadOfCase {
  flags: Set<ReplyFlag>;
  latest: string;
  caseText: string;
  asksWhy: boolean;
  asksWhen: boolean;
  saysThanks: boolean;
}

function readCase(c: Case, latestCustomerText: string, agentNo?: string): ReadOfCase {
  const latest = matchForm(latestCustomerText);
  const told = [
    ...c.issues.flatMap((i) => [i.text, ...Object.values(i.answers)]),
    ...c.transcript.filter((t) => t.from === 'customer').map((t) => t.text),
  ];
  const caseText = matchForm([...told, latestCustomerText].join('\n'));
  const flags = new Set<ReplyFlag>();
  if (ELDERLY_SELF.test(caseText)) flags.add('elderly');
  else if (ELDERLY_RELATIVE.test(caseText)) flags.add('elderly_relative');
  else if (c.signals.includes('elderly') || ELDERLY_ANY.test(latest)) flags.add('elderly');
  if (c.signals.some((s) => THREAT_SIGNALS.includes(s)) || THREAT.test(latest)) flags.add('threat');
  if (c.signals.includes('repeat') || REPEAT.test(latest)) flags.add('repeat');
  if (c.signals.includes('urgent') || URGENT.test(latest)) flags.add('urgent');
  const category = primaryCategory(c);
  if (category === 'after_sales' && MISSED.test(caseText)) flags.add('missed');
  if (category === 'billing_dispute' && REFUND.test(caseText)) flags.add('refund');
  if (agentNo?.trim()) flags.add('agent');
  if (c.issues.length > 1) flags.add('multi');
  return {
    flags,
    latest,
    caseText,
    asksWhy: ASKS_WHY.test(latest),
    asksWhen: ASKS_WHEN.test(latest),
    saysThanks: SAYS_THANKS.test(latest),
  };
}

/**
 * Which families, in which order. Strong anger: apology and calming first, three short lines.
 * Otherwise empathy leads and a fourth line rotates with the turn, unless the latest message asks
 * for something specific (why → an explanation from the customer's side; thanks → thanks back).
 */
function planFamilies(band: AngerBand, read: ReadOfCase, rotation: number): SuggestionFamily[] {
  const { flags } = read;
  const threat = flags.has('threat');
  let plan: SuggestionFamily[];
  if (band === 'high') {
    plan = read.asksWhen ? ['apology', 'progress', 'calming'] : ['apology', 'calming', 'progress'];
    if (threat) plan.splice(1, 0, 'valued');
  } else {
    const extras: SuggestionFamily[] = band === 'mid' ? ['customer_side', 'thanks', 'valued'] : ['customer_side', 'valued', 'calming'];
    let extra = extras[rotation % extras.length];
    if (read.asksWhy) extra = 'customer_side';
    else if (read.saysThanks) extra = 'thanks';
    else if (flags.has('repeat')) extra = 'valued';
    else if (flags.has('elderly')) extra = 'calming';
    if (band === 'mid') {
      const second: SuggestionFamily = rotation % 2 === 0 ? 'apology' : 'calming';
      plan = threat
        ? ['apology', 'valued', 'progress', 'customer_side']
        : read.asksWhy
          ? ['empathy', 'customer_side', 'progress', second]
          : ['empathy', second, 'progress', extra];
    } else if (threat) {
      plan = ['valued', 'empathy', 'progress', 'customer_side'];
    } else if (read.saysThanks) {
      plan = ['thanks', 'empathy', 'progress', extras[rotation % extras.length]];
    } else if (read.asksWhy) {
      plan = ['empathy', 'customer_side', 'progress', 'thanks'];
    } else {
      plan = ['empathy', 'progress', 'thanks', extra];
    }
    if (read.asksWhen) plan = ['progress', ...plan];
  }
  // Elderly customers always get a «不着急» line.
  if (flags.has('elderly') && !plan.includes('calming')) plan.push('calming');
  return [...new Set(plan)];
}

interface Candidate {
  template: ReplyTemplate;
  text: string;
  specific: boolean;
}

function candidates(family: SuggestionFamily, category: CategoryId | undefined, facts: ReplyFacts, read: ReadOfCase): Candidate[] {
  const out: Candidate[] = [];
  const add = (phrases: readonly (string | ReplyTemplate)[], specific: boolean) => {
    for (const phrase of phrases) {
      const template = asTemplate(phrase);
      if (template.only && !read.flags.has(template.only)) continue;
      if (template.cue && !template.cue.test(read.caseText)) continue;
      const text = fillTemplate(template.text, facts);
      // A generic line that names the category fits it as well as the category's own.
      if (text) out.push({ template, text, specific: specific || template.text.includes('{cat}') });
    }
  };
  if (category) add(CATEGORY_PHRASES[category][family], true);
  add(GENERIC_PHRASES[family], false);
  return out;
}

/**
 * The variants worth choosing among. Variants written for who the customer is (elderly, writing
 * for an elderly relative, threatening to escalate, a repeat complainer) replace the others.
 * Otherwise the variants whose cue the latest message hits, if any; else those for a raised
 * topic (refund, missed visit, urgency, a named agent, several grievances) together with the
 * category's own plain variants — or the generic ones when the category has fewer than two.
 * Strong anger prefers short lines.
 */
function pool(all: Candidate[], read: ReadOfCase, band: AngerBand): Candidate[] {
  const persona = all.filter((c) => c.template.only && PERSONA_FLAGS.has(c.template.only));
  let chosen: Candidate[];
  if (persona.length) chosen = persona;
  else {
    const hit = all.filter((c) => c.template.cue?.test(read.latest));
    const topical = all.filter((c) => c.template.only);
    const specific = all.filter((c) => c.specific && !c.template.only);
    const plain = specific.length >= 2 ? specific : all.filter((c) => !c.template.only);
    chosen = hit.length ? hit : [...topical, ...plain.filter((c) => !topical.includes(c))];
  }
  if (band === 'high' && chosen.length > 1) {
    const short = chosen.filter((c) => c.text.length <= 40);
    chosen = short.length >= 2 ? short : [...chosen].sort((a, b) => a.text.length - b.text.length).slice(0, 2);
  }
  return chosen;
}

/**
 * Ready-to-send replies for the case in front of the agent: at least three, chosen by category,
 * the anger of the latest message and what that message says, filled with what the case knows
 * (ticket, deadline in the desk's time, amount, month …). Deterministic for the same input; a
 * different latest message or turn gives a different selection.
 */
export function suggestReplies(input: SuggestRepliesInput): Suggestion[] {
  const c = input.case;
  const category = primaryCategory(c);
  const agentNo = input.agentNo ?? c.ownerAgentNo;
  const facts = replyFacts(c, agentNo, input.timeZone ?? DEFAULT_TIME_ZONE);
  const read = readCase(c, input.latestCustomerText, agentNo);
  const band = angerBand(input.anger);
  const turn = Math.max(0, Math.floor(input.turn ?? c.transcript.filter((t) => t.from === 'customer').length));
  const seed = `${c.id}|${read.latest}`;
  const rotation = hashSeed(seed) + turn;

  const out: Suggestion[] = [];
  const used = new Set<string>();
  const take = (family: SuggestionFamily, from: Candidate[]): boolean => {
    if (from.length === 0) return false;
    const start = (hashSeed(`${seed}|${family}`) + turn) % from.length;
    for (let k = 0; k < from.length; k++) {
      const { text } = from[(start + k) % from.length];
      if (!used.has(text)) {
        used.add(text);
        out.push({ text, family });
        return true;
      }
    }
    return false;
  };

  for (const family of planFamilies(band, read, rotation)) {
    const all = candidates(family, category, facts, read);
    if (!take(family, pool(all, read, band))) take(family, all);
  }
  // Never fewer than three: top up from families that always have plain variants.
  for (const family of ['calming', 'thanks', 'empathy', 'apology'] as const) {
    if (out.length >= 3) break;
    if (out.some((s) => s.family === family)) continue;
    take(family, candidates(family, category, facts, read));
  }
  return out;
}
