import { MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readAnswer, type AskedKind } from '../intents/answerReading';
import { bareText } from './bareText';
import { handOverToHuman } from './humanHandover';
import type { IntakeDeps } from './intakeDeps';
import { absorb, shortSummary, summaryLines } from './intakeProgress';
import { CONFIRM_HUMAN, CONFIRM_SIMPLE_YES, confirmSimplyText } from './wording/confirmWords';
import {
  ADDITION_NOTED_TEXT,
  ASK_ADDITION_TEXT,
  CONFIRM_ADD,
  CONFIRM_YES,
  confirmSummaryText,
  UNKNOWN_IS_FINE_TEXT,
} from './wording/replies';

export const CONFIRM_SUMMARY_DIALOG = 'confirmSummaryDialog';
const CONFIRM_WATERFALL = 'confirmWaterfall';
const CONFIRM_PROMPT = 'confirmPrompt';
const ADDITION_PROMPT = 'additionPrompt';

interface ConfirmOptions {
  /** Set when the summary is read back again after an addition. */
  added?: boolean;
  /** Times in a row the customer could not tell whether the summary is right («不知道»). */
  puzzled?: number;
}

/** A second «不知道» after the simple words: a person helps better than a third try. */
const PUZZLED_LIMIT = 2;
/** The numbers some customers answer suggested actions with (WeChat lists them as 1. 2.). */
const PICKED_YES = /^1$/;
const PICKED_ADD = /^2$/;

/** Reads the summary back and lets the customer confirm it or add to it, as often as they like. */
export class ConfirmSummaryDialog extends ComponentDialog {
  constructor(private readonly deps: IntakeDeps) {
    super(CONFIRM_SUMMARY_DIALOG);
    this.addDialog(new TextPrompt(CONFIRM_PROMPT))
      .addDialog(new TextPrompt(ADDITION_PROMPT))
      .addDialog(
        new WaterfallDialog(CONFIRM_WATERFALL, [this.summaryStep.bind(this), this.decideStep.bind(this), this.appendStep.bind(this)]),
      );
    this.initialDialogId = CONFIRM_WATERFALL;
  }

  private async summaryStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog(false);
    intake.awaiting = 'summary';
    if (step.options?.puzzled) {
      // Not the same summary again: fewer words, one thing to do, and a person on offer.
      const text = confirmSimplyText(shortSummary(intake), intake.elderly);
      return step.prompt(CONFIRM_PROMPT, { prompt: MessageFactory.suggestedActions([CONFIRM_SIMPLE_YES, CONFIRM_HUMAN], text) });
    }
    // Thank for the patience only when we did ask for it.
    const askedAny = intake.issues.some((i) => i.asked.length > 0);
    const opening = step.options?.added
      ? ADDITION_NOTED_TEXT
      : (intake.unableInRow ?? 0) > 0
        ? UNKNOWN_IS_FINE_TEXT
        : askedAny
          ? await this.deps.reader.phrase(step.context, 'thanks')
          : '';
    const dueHours = this.deps.settings.deadlines[intake.issues[0].category];
    const text = `${opening}${confirmSummaryText(summaryLines(intake), dueHours)}`;
    return step.prompt(CONFIRM_PROMPT, { prompt: MessageFactory.suggestedActions([CONFIRM_YES, CONFIRM_ADD], text) });
  }

  private async decideStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const said = String(step.result ?? '');
    const picked = bareText(said);
    if (PICKED_ADD.test(picked)) return this.askAddition(step);
    if (PICKED_YES.test(picked)) return step.endDialog(true);
    switch (readAnswer(said, 'summary').kind) {
      // «就这些», «没了», «没有», «不用了»: nothing to add, so the summary stands as read.
      case 'yes':
      case 'done':
      case 'none':
        return step.endDialog(true);
      case 'no':
      case 'more':
        return this.askAddition(step);
      case 'unknown':
      case 'refused':
        // «不知道» adds nothing to the complaint: the customer did not follow us.
        return this.explainSimply(step);
      default:
        // Anything else is taken as the addition itself: the customer went straight to the point.
        return this.addAndReadBack(step);
    }
  }

  private async askAddition(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (intake) intake.awaiting = 'addition';
    return step.prompt(ADDITION_PROMPT, { prompt: ASK_ADDITION_TEXT });
  }

  private async explainSimply(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const puzzled = (step.options?.puzzled ?? 0) + 1;
    if (puzzled >= PUZZLED_LIMIT) {
      await handOverToHuman(step.context, this.deps, 'not_understood');
      return step.endDialog(false);
    }
    return step.replaceDialog(CONFIRM_WATERFALL, { puzzled } satisfies ConfirmOptions);
  }

  private appendStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    return this.addAndReadBack(step, 'addition');
  }

  /** `asked`: the customer went straight to the addition at the summary, or answered «补充什么？». */
  private async addAndReadBack(step: WaterfallStepContext<ConfirmOptions>, asked: AskedKind = 'summary'): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    const addition = String(step.result ?? '').trim();
    // «不知道» or «不用了» at «还需要补充什么？» is no addition either: the summary is read back as it was.
    const nothing = readAnswer(addition, asked).kind !== 'value';
    if (intake && addition && !nothing) {
      intake.additions.push(addition);
      absorb(intake, await this.deps.reader.understand(step.context));
    }
    return step.replaceDialog(CONFIRM_WATERFALL, { added: !nothing } satisfies ConfirmOptions);
  }
}
