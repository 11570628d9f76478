import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CategoryId } from '../src/domain/category';
import type { IntakeDeps } from './intakeDeps';
import { absorb, isBrief, nextQuestion } from './intakeProgress';

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
    // The whole answer is kept for the question just asked (the last one in `asked`); its slots and
    // words may answer other questions too.
    const issue = intake.issues[step.options.issueIndex];
    issue.answers[issue.asked[issue.asked.length - 1]] = String(step.result ?? '').trim();
    absorb(intake, await this.deps.reader.understand(step.context));
    return step.replaceDialog(FOLLOW_UP_WATERFALL, { issueIndex: step.options.issueIndex, afterAnswer: true });
  }
}
