import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CategoryId } from '../src/domain/category';
import type { IntakeDeps } from './intakeDeps';
import { absorbAnswer, isAnswered, isBrief, nextQuestion, questionsFor, questionWording } from './intakeProgress';
import { FOLLOW_UP_QUESTIONS } from './questions';
import { answerFromLaterSlots, recordAnswer } from './answerRecording';
import { NON_ANSWER_OK_TEXT } from './wording/answerWords';

const FOLLOW_UP_WATERFALL = 'followUpWaterfall';
const ANSWER_PROMPT = 'answerPrompt';

export function followUpDialogId(category: CategoryId): string {
  return `followUp.${category}`;
}

export interface FollowUpOptions {
  issueIndex: number;
  /** Set when looping after an answer, so the next question opens with a short acknowledgement. */
  afterAnswer?: boolean;
  /** Set when that answer was «不记得» or the like: the next question opens with «没关系». */
  afterNonAnswer?: boolean;
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
    const { issueIndex, afterAnswer, afterNonAnswer } = step.options;
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog();
    const question = nextQuestion(intake, issueIndex, this.deps.settings);
    if (!question) return step.endDialog();

    intake.issues[issueIndex].asked.push(question.id);
    intake.awaiting = 'question';
    const wording = questionWording(question, intake.issues[issueIndex], intake);
    const asked = intake.elderly ? wording.askSimply : await this.deps.reader.pick(step.context, wording.ask, question.id);
    // Angry customers get the question straight away: a «好的» before every question reads as stalling.
    // «不记得» is no failure of theirs: everyone hears that it does not matter.
    const ack = afterNonAnswer
      ? NON_ANSWER_OK_TEXT
      : afterAnswer && !isBrief(intake, this.deps.settings.angerThreshold)
        ? await this.deps.reader.phrase(step.context, 'noted')
        : '';
    return step.prompt(ANSWER_PROMPT, { prompt: ack + asked });
  }

  private async answerStep(step: WaterfallStepContext<FollowUpOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog();
    const issue = intake.issues[step.options.issueIndex];
    const askedId = issue.asked[issue.asked.length - 1];
    const understood = await this.deps.reader.understand(step.context);
    absorbAnswer(intake, issue, understood);
    const question = FOLLOW_UP_QUESTIONS[issue.category].find((q) => q.id === askedId);
    const said = String(step.result ?? '').trim();
    const nonAnswer = question
      ? recordAnswer(
          issue,
          question,
          said,
          understood.slots,
          questionsFor(issue, intake).filter((q) => !isAnswered(q, issue, intake)),
        )
      : ((issue.answers[askedId] = said), undefined);
    answerFromLaterSlots(
      issue,
      questionsFor(issue, intake).filter((q) => q.id !== askedId),
      understood.slots,
    );
    const couldNotSay = nonAnswer === 'unknown' || nonAnswer === 'refused';
    intake.unableInRow = couldNotSay ? (intake.unableInRow ?? 0) + 1 : 0;
    return step.replaceDialog(FOLLOW_UP_WATERFALL, { issueIndex: step.options.issueIndex, afterAnswer: true, afterNonAnswer: couldNotSay });
  }
}
