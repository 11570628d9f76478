import { isNonAnswer, readAnswer } from '../intents/answerReading';
import type { UnansweredKind } from '../src/domain/case';
import type { Slots } from '../src/domain/understanding';
import type { IntakeIssue } from './conversationRecord';
import type { FollowUpQuestion } from './questions';
import { agentWords, unfitAnswerWords } from './wording/answerWords';

/** A direct answer up to this length is kept in the customer's own words. */
const DIRECT_ANSWER_CHARS = 24;

/**
 * Writes the customer's reply to `question` onto the issue. A non-answer («不记得», «没有»,
 * «你们自己查») is marked in `unanswered` and written in words for the agent, never as the
 * value; a reply that does not fit the question (no number where a repair number was asked)
 * is kept as a note in the customer's words. Returns the kind of non-answer, if it was one.
 */
export function recordAnswer(issue: IntakeIssue, question: FollowUpQuestion, said: string, slots: Slots): UnansweredKind | undefined {
  const reading = readAnswer(said);
  const unanswered = (issue.unanswered ??= {});
  delete unanswered[question.id];
  const slotValue = (question.filledBy ?? []).map((slot) => slots[slot]).find(Boolean);

  if (isNonAnswer(reading)) {
    unanswered[question.id] = reading.kind;
    issue.answers[question.id] = agentWords(reading);
    return reading.kind;
  }
  if (question.fits && !slotValue && !question.fits.test(said)) {
    const alongside = reading.alongside ? { kind: reading.alongside, reason: reading.alongsideReason } : undefined;
    unanswered[question.id] = alongside?.kind ?? 'unknown';
    issue.answers[question.id] = unfitAnswerWords(question.label, said, alongside);
    return unanswered[question.id];
  }
  issue.answers[question.id] = valueFor(question, said, slots);
  return undefined;
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
