import { CATEGORY_NAMES, type CategoryId } from '../src/domain/category';
import type { IssueUnderstanding, Understanding } from '../src/domain/understanding';
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
  let pending: string[] = [];
  for (const issue of issues) {
    if (issue.confidence < minConfidence) {
      pending.push(issue.text);
      continue;
    }
    kept.push({ ...issue, text: [...pending, issue.text].join('') });
    pending = [];
  }
  if (pending.length > 0) kept[kept.length - 1].text += pending.join('');
  return kept;
}

export function startIntake(u: Understanding, minIssueConfidence: number): IntakeProgress {
  const intake: IntakeProgress = {
    issues: grievancesOf(u, minIssueConfidence).map((i) => newIssue(i.category, i.text)),
    slots: {},
    anger: 0,
    signals: [],
    escalationRisk: false,
    elderly: false,
    additions: [],
    adviceGiven: false,
  };
  absorb(intake, u);
  return intake;
}

function newIssue(category: CategoryId, text: string): IntakeIssue {
  return { category, text, answers: {}, asked: [] };
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

/** Angry or elderly customers get the short interview: essentials only (DOMAIN.md: meet emotional needs first). */
export function isBrief(intake: IntakeProgress, angerThreshold: number): boolean {
  return intake.elderly || intake.anger >= angerThreshold;
}

export function isAnswered(q: FollowUpQuestion, issue: IntakeIssue, intake: IntakeProgress): boolean {
  if (issue.answers[q.id] !== undefined) return true;
  if (q.filledBy?.some((slot) => intake.slots[slot])) return true;
  if (!q.answeredBy) return false;
  // A non-answer is written in our words («客户说没有»): it tells nothing about other questions.
  const answered = Object.entries(issue.answers).filter(([id]) => !issue.unanswered?.[id]).map(([, value]) => value);
  const told = [issue.text, ...answered, ...intake.additions].join('\n');
  return q.answeredBy.test(told);
}

export function nextQuestion(
  intake: IntakeProgress,
  issueIndex: number,
  brief: { angerThreshold: number; briefQuestionsPerIssue: number },
): FollowUpQuestion | undefined {
  const issue = intake.issues[issueIndex];
  const short = isBrief(intake, brief.angerThreshold);
  if (short && issue.asked.length >= brief.briefQuestionsPerIssue) return undefined;
  return FOLLOW_UP_QUESTIONS[issue.category].find(
    (q) => !issue.asked.includes(q.id) && !isAnswered(q, issue, intake) && (!short || q.essential),
  );
}

/** A long letter stays readable in the summary: its opening is enough to recognise it. */
function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** One line per grievance, with what the customer answered, then any additions. */
export function summaryLines(intake: IntakeProgress): string[] {
  const lines = intake.issues.map((issue, i) => {
    // Facts taken from slots are read back too, so the customer sees we kept the figures they gave.
    const details = FOLLOW_UP_QUESTIONS[issue.category]
      .map((q) => {
        const unanswered = issue.unanswered?.[q.id];
        // The customer hears their non-answer in their terms; the agent's wording is on the case.
        const value = unanswered ? customerWords(unanswered) : (issue.answers[q.id] ?? q.filledBy?.map((slot) => intake.slots[slot]).find(Boolean));
        return value ? `${q.label}：${clip(value, 30)}` : undefined;
      })
      .filter(Boolean)
      .join('；');
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
