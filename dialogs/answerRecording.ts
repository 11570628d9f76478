import { isNonAnswer, readAnswer } from '../intents/answerReading';
import type { UnansweredKind } from '../src/domain/case';
import type { SlotName, Slots } from '../src/domain/understanding';
import type { IntakeIssue } from './conversationRecord';
import type { FollowUpQuestion } from './questions';
import { agentWords, unfitAnswerWords } from './wording/answerWords';

/** A direct answer up to this length is kept in the customer's own words. */
const DIRECT_ANSWER_CHARS = 24;

/** What may stand around a place or a time without saying anything more («在…家里», «…开始的»). */
const AROUND_PLACE_OR_TIME =
  /[在于从是的了啊呀吧呢哦嗯就也都去到过]|我家|家里|家|开始|以来|起|左右|大概|差不多|附近|那边|这边|一带|屋里|楼下|楼上/g;

/**
 * Writes the customer's reply to `question` onto the issue. A non-answer («不记得», «没有»,
 * «你们自己查») is marked in `unanswered` and written in words for the agent, never as the
 * value; a reply that does not fit the question (no number where a repair number was asked)
 * is kept as a note in the customer's words. A reply that answers another of `others` (the
 * grievance's questions not answered yet) instead is kept under that one, and one that only tells a place or a
 * time the question is not about stays with the slots: in neither case does it become the
 * answer to what was asked («已尝试：在朝阳区建国路88号家里»). Returns the kind of non-answer, if it was one.
 */
export function recordAnswer(
  issue: IntakeIssue,
  question: FollowUpQuestion,
  said: string,
  slots: Slots,
  others: readonly FollowUpQuestion[] = [],
): UnansweredKind | undefined {
  const reading = readAnswer(said);
  const unanswered = (issue.unanswered ??= {});
  delete unanswered[question.id];
  const slotValue = (question.filledBy ?? []).map((slot) => slots[slot]).find(Boolean);

  if (isNonAnswer(reading)) {
    unanswered[question.id] = reading.kind;
    issue.answers[question.id] = agentWords(reading);
    return reading.kind;
  }
  // «对» where a place was asked: the customer did not take in the question, and «地点：对» would
  // read back as nonsense. The agent sees what was said.
  if (!question.yesNo && (reading.kind === 'yes' || reading.kind === 'no')) {
    unanswered[question.id] = 'unknown';
    issue.answers[question.id] = unfitAnswerWords(question.label, said);
    return 'unknown';
  }
  if (question.yesNo && (reading.kind === 'yes' || reading.kind === 'no')) {
    issue.answers[question.id] = question.yesNo[reading.kind];
    return undefined;
  }
  const elsewhere =
    slotValue || question.answeredBy?.test(said) || question.fits?.test(said) ? undefined : answerElsewhere(question, said, slots, others);
  if (elsewhere) {
    // Kept under the other question by that question's own rule: «单号找不到了» is no repair number there either.
    if (elsewhere !== 'slots' && issue.answers[elsewhere.id] === undefined) keep(issue, elsewhere, said, slots, reading);
    return undefined;
  }
  return keep(issue, question, said, slots, reading);
}

/**
 * A question left unanswered («不记得», or a reply that did not fit) whose slot a later reply
 * tells («昨天下午三点», said to another question) is answered by that slot: the summary reads
 * back the time, not «时间：暂时不清楚».
 */
export function answerFromLaterSlots(issue: IntakeIssue, questions: readonly FollowUpQuestion[], slots: Slots): void {
  for (const q of questions) {
    if (!issue.unanswered?.[q.id] || !q.filledBy?.some((slot) => slots[slot])) continue;
    delete issue.unanswered[q.id];
    delete issue.answers[q.id];
  }
}

/** Writes `said` as the answer to `question`, or as a note when it does not fit what was asked. */
function keep(
  issue: IntakeIssue,
  question: FollowUpQuestion,
  said: string,
  slots: Slots,
  reading: ReturnType<typeof readAnswer>,
): UnansweredKind | undefined {
  const unanswered = (issue.unanswered ??= {});
  const slotValue = (question.filledBy ?? []).map((slot) => slots[slot]).find(Boolean);
  if (question.fits && !slotValue && !question.fits.test(said)) {
    const alongside = reading.alongside ? { kind: reading.alongside, reason: reading.alongsideReason } : undefined;
    unanswered[question.id] = alongside?.kind ?? 'unknown';
    issue.answers[question.id] = unfitAnswerWords(question.label, said, alongside);
    (issue.remarks ??= []).push(said);
    // Only a reply that also says «不记得» is one the customer could not give; «光猫» to «在哪儿» was said willingly.
    return alongside?.kind;
  }
  issue.answers[question.id] = valueFor(question, said, slots);
  return undefined;
}

/** The other question a reply answers, 'slots' when it tells only a place or a time that `question` is not about. */
function answerElsewhere(
  question: FollowUpQuestion,
  said: string,
  slots: Slots,
  others: readonly FollowUpQuestion[],
): FollowUpQuestion | 'slots' | undefined {
  const other = others.find((q) => q.id !== question.id && q.answeredBy?.test(said));
  if (other) return other;
  let rest = said.replace(/[\s\p{P}]/gu, '');
  let told = false;
  for (const [name, value] of Object.entries(slots) as Array<[SlotName, string | undefined]>) {
    if (!value || question.filledBy?.includes(name) || !rest.includes(value)) continue;
    rest = rest.replace(value, '');
    told = true;
  }
  return told && rest.replace(AROUND_PLACE_OR_TIME, '') === '' ? 'slots' : undefined;
}

/**
 * A short, direct answer («从上周开始，晚上特别明显») is kept as said. A long one that tells several
 * things at once (place, time, phone model…) would read back as a wall of text under one label,
 * so when it carries the slot the question is about, that slot value is the answer; the other
 * facts reach the intake as slots.
 */
function valueFor(question: FollowUpQuestion, said: string, slots: Slots): string {
  if (said.length <= DIRECT_ANSWER_CHARS) return said;
  const values = (question.filledBy ?? []).map((slot) => slots[slot]).filter((v): v is string => Boolean(v));
  return values.length > 0 ? values.join(' ') : said;
}
