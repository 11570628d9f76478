import { CATEGORY_NAMES, type CategoryId } from '../src/domain/category';
import { type IssueUnderstanding, type SlotName, type Slots, THREAT_SIGNALS, type Understanding } from '../src/domain/understanding';
import type { IntakeIssue, IntakeProgress } from './conversationRecord';
import { FOLLOW_UP_QUESTIONS, type FollowUpQuestion } from './questions';
import { customerWords } from './wording/answerWords';

/** Pure bookkeeping of an intake: what we know, what is still worth asking, how it reads back. */

/** Grievances in a message. A classifier that names a category but lists no issue still means one. */
export function issuesOf(u: Understanding): IssueUnderstanding[] {
  if (u.issues.length > 0) return u.issues;
  return u.category === 'none' ? [] : [{ category: u.category, text: u.text, confidence: u.confidence }];
}

/**
 * The grievances worth their own questions. A clause the classifier is unsure of («气死我了！！！»
 * read as a service complaint) is folded into its confident neighbour: its words stay on the
 * case, but an angry customer is not interviewed about an exclamation.
 */
export function grievancesOf(u: Understanding, minConfidence: number): IssueUnderstanding[] {
  const issues = issuesOf(u);
  if (issues.every((i) => i.confidence >= minConfidence) || issues.every((i) => i.confidence < minConfidence)) return issues;
  const kept: IssueUnderstanding[] = [];
  let pending: IssueUnderstanding[] = [];
  for (const issue of issues) {
    if (issue.confidence < minConfidence) {
      pending.push(issue);
      continue;
    }
    kept.push({ ...issue, text: [...pending.map((p) => p.text), issue.text].join(''), ...mergedSlots([...pending, issue]) });
    pending = [];
  }
  if (pending.length > 0) {
    const last = kept[kept.length - 1];
    kept[kept.length - 1] = { ...last, text: last.text + pending.map((p) => p.text).join(''), ...mergedSlots([last, ...pending]) };
  }
  return kept;
}

/** The slots of folded grievances together; the first one told wins. */
function mergedSlots(issues: IssueUnderstanding[]): { slots?: Slots } {
  const slots: Slots = {};
  for (const i of [...issues].reverse()) Object.assign(slots, i.slots);
  return Object.values(slots).some(Boolean) ? { slots } : {};
}

export function startIntake(u: Understanding, minIssueConfidence: number): IntakeProgress {
  const grievances = grievancesOf(u, minIssueConfidence);
  const intake: IntakeProgress = {
    issues: grievances.map((i) => newIssue(i.category, i.text, grievances.length > 1 ? i.slots : undefined)),
    slots: {},
    anger: 0,
    signals: [],
    escalationRisk: false,
    elderly: false,
    additions: [],
    adviceGiven: false,
  };
  // With several grievances, a place or an amount belongs to the grievance it was told in: the
  // signal's 人民路 must not answer «which shop?» for the rude clerk.
  // Who the customer is (phone, ID) belongs to the whole conversation.
  absorb(intake, grievances.length > 1 ? { ...u, slots: pick(u.slots, CUSTOMER_SLOTS) } : u);
  return intake;
}

/**
 * Folds an answer given about one grievance into what we know. With several grievances, the
 * place, time or amount it tells belongs to that grievance, as in the opening: the address told
 * for the broken line must not answer «which hall?» for the rude agent.
 */
export function absorbAnswer(intake: IntakeProgress, issue: IntakeIssue, u: Understanding): void {
  if (intake.issues.length <= 1) return absorb(intake, u);
  absorb(intake, { ...u, slots: pick(u.slots, CUSTOMER_SLOTS) });
  const own = Object.fromEntries(Object.entries(u.slots).filter(([name, value]) => value && !CUSTOMER_SLOTS.includes(name as SlotName)));
  if (Object.keys(own).length) issue.slots = { ...issue.slots, ...own };
}

/** Slots about the customer rather than one grievance. */
const CUSTOMER_SLOTS: SlotName[] = ['phone', 'idNumber'];

function pick(slots: Slots, names: SlotName[]): Slots {
  return Object.fromEntries(names.filter((n) => slots[n]).map((n) => [n, slots[n]]));
}

/** Every slot the intake knows, for the case record: the conversation's, then each grievance's own (first told wins). */
export function caseSlots(intake: IntakeProgress): Slots {
  const slots: Slots = {};
  for (const issue of [...intake.issues].reverse()) Object.assign(slots, issue.slots);
  return { ...slots, ...intake.slots };
}

function newIssue(category: CategoryId, text: string, slots?: Slots): IntakeIssue {
  return { category, text, answers: {}, asked: [], ...(slots ? { slots: { ...slots } } : {}) };
}

/** A slot's value for one issue: its own words first, then anything the conversation told since. */
function slotFor(issue: IntakeIssue, intake: IntakeProgress, slot: SlotName): string | undefined {
  return issue.slots?.[slot] ?? intake.slots[slot];
}

/** Folds one more message into what we know. Later slot values win: an answer corrects an earlier guess. */
export function absorb(intake: IntakeProgress, u: Understanding): void {
  for (const [name, value] of Object.entries(u.slots)) {
    if (value) intake.slots[name as keyof typeof intake.slots] = value;
  }
  intake.anger = Math.max(intake.anger, u.emotion.anger);
  for (const s of u.signals) if (!intake.signals.includes(s)) intake.signals.push(s);
  intake.escalationRisk = intake.escalationRisk || u.escalationRisk;
  intake.elderly = intake.elderly || u.signals.includes('elderly');
}

/**
 * Angry or elderly customers get the short interview: essentials only (DOMAIN.md: meet emotional
 * needs first). So does one who threatens to take it further («好啊，继续拖，我明天就去消协»), in
 * whatever tone: a person takes over once the case is filed, and a long questionnaire first
 * would only confirm the threat.
 */
export function isBrief(intake: IntakeProgress, angerThreshold: number): boolean {
  const threatens = intake.escalationRisk && intake.signals.some((s) => THREAT_SIGNALS.includes(s));
  return intake.elderly || intake.anger >= angerThreshold || threatens;
}

/** Everything the customer told about a grievance: its words, their answers, their additions. */
function toldAbout(issue: IntakeIssue, intake: IntakeProgress): string {
  // A non-answer is written in our words («客户说没有»): it tells nothing about other questions.
  const answered = Object.entries(issue.answers)
    .filter(([id]) => !issue.unanswered?.[id])
    .map(([, value]) => value);
  return [issue.text, ...answered, ...(issue.remarks ?? []), ...intake.additions].join('\n');
}

/** The questions of the grievance's category that make sense for it (no phone model for a broadband line). */
export function questionsFor(issue: IntakeIssue, intake: IntakeProgress): FollowUpQuestion[] {
  const told = toldAbout(issue, intake);
  return FOLLOW_UP_QUESTIONS[issue.category].filter(
    (q) => (!q.askedAbout || q.askedAbout(told)) && !(q.unlessNoTo && saidNoTo(issue, q.unlessNoTo)),
  );
}

/** «没有», «不是» or «没报修过» to question `id`. */
function saidNoTo(issue: IntakeIssue, id: string): boolean {
  if (issue.unanswered?.[id] === 'none') return true;
  const answer = issue.answers[id];
  const question = FOLLOW_UP_QUESTIONS[issue.category].find((q) => q.id === id);
  return answer !== undefined && (answer === question?.yesNo?.no || /^(?:没|没有|还没|从来没|从没|未)/.test(answer));
}

/** The wording to ask `q` in: only the half not told yet, when the customer told the other half. */
export function questionWording(
  q: FollowUpQuestion,
  issue: IntakeIssue,
  intake: IntakeProgress,
): { ask: readonly string[]; askSimply: string } {
  if (q.partlyToldBy?.told.test(toldAbout(issue, intake))) return { ask: [q.partlyToldBy.ask], askSimply: q.partlyToldBy.askSimply };
  return q;
}

export function isAnswered(q: FollowUpQuestion, issue: IntakeIssue, intake: IntakeProgress): boolean {
  if (issue.answers[q.id] !== undefined) return true;
  if (q.filledBy?.some((slot) => slotFor(issue, intake, slot))) return true;
  return q.answeredBy?.test(toldAbout(issue, intake)) ?? false;
}

/** Whether `id` was answered with a value, not a non-answer or a note. */
function answeredWithValue(issue: IntakeIssue, id: string): boolean {
  return issue.answers[id] !== undefined && !issue.unanswered?.[id];
}

/** Non-answers in a row after which only the essential questions are asked (IntakeProgress.unableInRow). */
const UNABLE_BEFORE_ESSENTIALS_ONLY = 2;

export function nextQuestion(
  intake: IntakeProgress,
  issueIndex: number,
  brief: { angerThreshold: number; briefQuestionsPerIssue: number },
): FollowUpQuestion | undefined {
  const issue = intake.issues[issueIndex];
  const short = isBrief(intake, brief.angerThreshold);
  if (short && issue.asked.length >= brief.briefQuestionsPerIssue) return undefined;
  const essentialsOnly = short || (intake.unableInRow ?? 0) >= UNABLE_BEFORE_ESSENTIALS_ONLY;
  // Two questions of a category with one label ask the same thing in other words (地点 for a
  // phone, 地点 for a home line): once one was answered, the other is never asked too.
  const answeredLabels = new Set(FOLLOW_UP_QUESTIONS[issue.category].filter((q) => answeredWithValue(issue, q.id)).map((q) => q.label));
  return questionsFor(issue, intake).find(
    (q) => !issue.asked.includes(q.id) && !answeredLabels.has(q.label) && !isAnswered(q, issue, intake) && (!essentialsOnly || q.essential),
  );
}

/** A long letter stays readable in the summary: its opening is enough to recognise it. */
function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * What the customer told about a grievance, question by question. Facts taken from slots are read
 * back too, so the customer sees we kept the figures they gave, but each only once (a phone model
 * fills both «设备» and «手机型号»; an answer already says it). An answer given stays even if what was told later makes its
 * question moot.
 */
function detailsOf(issue: IntakeIssue, intake: IntakeProgress): string {
  const relevant = questionsFor(issue, intake);
  const shownSlots = new Set(
    Object.entries(issue.answers)
      .filter(([id]) => !issue.unanswered?.[id])
      .map(([, value]) => value),
  );
  const details: string[] = [];
  const questions = FOLLOW_UP_QUESTIONS[issue.category];
  // «地点：暂时不清楚» next to «地点：幸福小区3号楼» says nothing: the same thing asked in other words was answered.
  for (const q of questions) {
    if (issue.answers[q.id] === undefined && !relevant.includes(q)) continue;
    const unanswered = issue.unanswered?.[q.id];
    if (unanswered && questions.some((other) => other !== q && other.label === q.label && answeredWithValue(issue, other.id))) continue;
    // The customer hears their non-answer in their terms; the agent's wording is on the case.
    let value: string | undefined = unanswered ? customerWords(unanswered) : issue.answers[q.id];
    if (value === undefined) {
      // Every slot the question asks about: «时间：昨天 下午三点», not the day alone.
      const told = (q.filledBy ?? []).map((slot) => slotFor(issue, intake, slot)).filter((v): v is string => Boolean(v));
      value = told.length ? told.join(' ') : undefined;
      if (value === undefined || shownSlots.has(value)) continue;
      shownSlots.add(value);
    }
    if (value) details.push(`${q.label}：${clip(value, 30)}`);
  }
  details.push(...toldUnasked(issue, intake, relevant, shownSlots));
  return details.join('；');
}

/**
 * Where and when, read back even where no question of the grievance asks for them: the customer
 * told us. `shownWith` slots are read back only beside the others («室内» on its own says nothing).
 */
const TOLD_FACTS: Array<{ label: string; slots: SlotName[]; shownWith?: SlotName }> = [
  { label: '地点', slots: ['place'], shownWith: 'placeSetting' },
  { label: '时间', slots: ['date', 'time'] },
];

/**
 * The place and the time a customer told that none of the grievance's questions reads back.
 * With several grievances, only what was told in this one's own words: the conversation's
 * slots would repeat on every line.
 */
function toldUnasked(issue: IntakeIssue, intake: IntakeProgress, relevant: FollowUpQuestion[], shown: Set<string>): string[] {
  const slot = (name: SlotName) => issue.slots?.[name] ?? (intake.issues.length === 1 ? intake.slots[name] : undefined);
  return TOLD_FACTS.flatMap(({ label, slots, shownWith }) => {
    if (relevant.some((q) => q.filledBy?.some((name) => slots.includes(name)))) return [];
    const values = slots.map(slot).filter((v): v is string => Boolean(v) && !shown.has(v!));
    if (values.length === 0) return [];
    const beside = shownWith && slot(shownWith);
    return [`${label}：${clip([...values, ...(beside ? [beside] : [])].join('，'), 30)}`];
  });
}

/** One line per grievance, with what the customer answered, then any additions. */
export function summaryLines(intake: IntakeProgress): string[] {
  const lines = intake.issues.map((issue, i) => {
    const details = detailsOf(issue, intake);
    const head = intake.issues.length > 1 ? `${i + 1}. ` : '';
    return `${head}【${CATEGORY_NAMES[issue.category]}】${clip(issue.text)}${details ? `（${details}）` : ''}`;
  });
  if (intake.additions.length > 0) lines.push(`补充：${intake.additions.map((a) => clip(a)).join('；')}`);
  return lines;
}

/** One short phrase per grievance, for the plain-words summary («光猫坏了（售后支持）»). */
export function shortSummary(intake: IntakeProgress): string[] {
  return intake.issues.map((issue) => `${clip(issue.text, 20)}（${CATEGORY_NAMES[issue.category]}）`);
}

/** The summary stored on the case: exactly what the customer confirmed (full texts are on the issues). */
export function caseSummary(intake: IntakeProgress): string {
  return summaryLines(intake).join('\n');
}
