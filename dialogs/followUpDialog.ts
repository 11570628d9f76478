import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CategoryId } from '../src/domain/category';
import type { IntakeDeps } from './intakeDeps';
import { absorb, isBrief, nextQuestion } from './intakeProgress';
import { FOLLOW_UP_QUESTIONS } from './questions';
import type { Slots } from '../src/domain/understanding';

const FOLLOW_UP_WATERFALL = 'followUpWaterfall';
const ANSWER_PROMPT = 'answerPrompt';

export function followUpDialogId(category: CategoryId): string {
  return `followUp.${category}`;
}

export interface FollowUpOptions {
  issueIndex: number;
  /** Set when looping after an answer, so the next question opens with a short acknowledgement. */
  afterAnswer?: boolean;
}

/**
 * The questions of one category (dialogs/questions/), asked one per turn about one grievance,
 * skipping whatever any message so far already told. Loops with replaceDialog until nothing
 * worth asking is left; the intake lives in conversation state, so the loop carries only an index.
 */
export class FollowUpDialog extends ComponentDialog {
  constructor(
    category: CategoryId,
    private readonly deps: IntakeDeps,
  ) {
    super(followUpDialogId(category));
    this.addDialog(new TextPrompt(ANSWER_PROMPT)).addDialog(
      new WaterfallDialog(FOLLOW_UP_WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]),
    );
    this.initialDialogId = FOLLOW_UP_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const { issueIndex, afterAnswer } = step.options;
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog();
    const question = nextQuestion(intake, issueIndex, this.deps.settings);
    if (!question) return step.endDialog();

    intake.issues[issueIndex].asked.push(question.id);
    const asked = intake.elderly ? question.askSimply : await this.deps.reader.pick(step.context, question.ask, question.id);
    // Angry customers get the question straight away: a «好的» before every question reads as stalling.
    const ack = afterAnswer && !isBrief(intake, this.deps.settings.angerThreshold) ? await this.deps.reader.phrase(step.context, 'noted') : '';
    return step.prompt(ANSWER_PROMPT, { prompt: ack + asked });
  }

  private async answerStep(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog();
    const issue = intake.issues[step.options.issueIndex];
    const askedId = issue.asked[issue.asked.length - 1];
    const understood = await this.deps.reader.understand(step.context);
    absorb(intake, understood);
    issue.answers[askedId] = answerFor(issue.category, askedId, String(step.result ?? '').trim(), understood.slots);
    return step.replaceDialog(FOLLOW_UP_WATERFALL, { issueIndex: step.options.issueIndex, afterAnswer: true });
  }
}

/** A direct answer up to this length is kept in the customer's own words. */
const DIRECT_ANSWER_CHARS = 24;

/**
 * What to keep as the answer to the question just asked. A short, direct answer («从上周开始，
 * 晚上特别明显») is kept as said. A long one that tells several things at once (place, time, phone
 * model…) would read back as a wall of text under one label, so when it carries the slot the
 * question is about, that slot value is the answer; the other facts reach the intake as slots.
 */
function answerFor(category: CategoryId, questionId: string, said: string, slots: Slots): string {
  if (said.length <= DIRECT_ANSWER_CHARS) return said;
  const question = FOLLOW_UP_QUESTIONS[category].find((q) => q.id === questionId);
  const values = (question?.filledBy ?? []).map((slot) => slots[slot]).filter((v): v is string => Boolean(v));
  return values.length > 0 ? values.join(' ') : said;
}
