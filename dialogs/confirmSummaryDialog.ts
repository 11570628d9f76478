import { MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { bareText } from './bareText';
import type { IntakeDeps } from './intakeDeps';
import { absorb, summaryLines } from './intakeProgress';
import { ADDITION_NOTED_TEXT, ASK_ADDITION_TEXT, CONFIRM_ADD, CONFIRM_YES, confirmSummaryText } from './wording/replies';

export const CONFIRM_SUMMARY_DIALOG = 'confirmSummaryDialog';
const CONFIRM_WATERFALL = 'confirmWaterfall';
const CONFIRM_PROMPT = 'confirmPrompt';
const ADDITION_PROMPT = 'additionPrompt';

interface ConfirmOptions {
  /** Set when the summary is read back again after an addition. */
  added?: boolean;
}

/** Checked before «yes»: «好像不太对» starts with a yes-word but asks for a change. */
const WANTS_TO_ADD = /补充|不对|不是|有误|(?<!没)错|修改|改一下|还有|漏了|少了|另外|^2$/;
/** The whole reply must be consent: «好几天了» starts with 好 but is no «yes». */
const YES = /^(?:对|是|的|没错|好|行|可以|嗯|确认|没问题|就是这样|就这样|ok|yes|1|啊|呀|吧|了|哈|谢谢)+$/i;

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
    // Thank for the patience only when we did ask for it.
    const askedAny = intake.issues.some((i) => i.asked.length > 0);
    const opening = step.options?.added ? ADDITION_NOTED_TEXT : askedAny ? await this.deps.reader.phrase(step.context, 'thanks') : '';
    const dueHours = this.deps.settings.deadlines[intake.issues[0].category];
    const text = `${opening}${confirmSummaryText(summaryLines(intake), dueHours)}`;
    return step.prompt(CONFIRM_PROMPT, { prompt: MessageFactory.suggestedActions([CONFIRM_YES, CONFIRM_ADD], text) });
  }

  private async decideStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const reply = bareText(String(step.result ?? ''));
    if (WANTS_TO_ADD.test(reply)) return step.prompt(ADDITION_PROMPT, { prompt: ASK_ADDITION_TEXT });
    if (YES.test(reply)) return step.endDialog(true);
    // Anything else is taken as the addition itself: the customer went straight to the point.
    return this.addAndReadBack(step);
  }

  private appendStep(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    return this.addAndReadBack(step);
  }

  private async addAndReadBack(step: WaterfallStepContext<ConfirmOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    const addition = String(step.result ?? '').trim();
    if (intake && addition) {
      intake.additions.push(addition);
      absorb(intake, await this.deps.reader.understand(step.context));
    }
    return step.replaceDialog(CONFIRM_WATERFALL, { added: true });
  }
}
