import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { IntakeLimited } from '../src/domain/caseIntake';
import { CATEGORY_IDS, CATEGORY_NAMES } from '../src/domain/category';
import { THREAT_SIGNALS } from '../src/domain/understanding';
import { CONFIRM_SUMMARY_DIALOG, ConfirmSummaryDialog } from './confirmSummaryDialog';
import { buildDraft } from './caseDraft';
import type { IntakeProgress } from './conversationRecord';
import { FollowUpDialog, followUpDialogId, type FollowUpOptions } from './followUpDialog';
import { forgetHandedOver } from './humanHandover';
import type { IntakeDeps } from './intakeDeps';
import { isBrief, nextQuestion } from './intakeProgress';
import { InterruptibleDialog } from './interruptibleDialog';
import { namesHomeDevice, SELF_CHECK_WORTHY } from './questions';
import { receiptMessage } from './receiptMessage';
import type { PhraseFamily } from './wording/phraseFamilies';
import {
  ANYTHING_ELSE_TEXT,
  HOME_SELF_CHECK_ADVICE,
  intakeLimitedText,
  issueIntroText,
  multiIssueText,
  SELF_CHECK_ADVICE,
} from './wording/replies';

export const INTAKE_DIALOG = 'intakeDialog';
const INTAKE_WATERFALL = 'intakeWaterfall';
const ISSUE_LOOP = 'issueLoop';

interface IssueLoopOptions {
  issueIndex: number;
}

/**
 * Takes one complaint down: calm the customer first, then each grievance in turn with its
 * category's questions, read the summary back, accept the case and hand over the receipt.
 * MainDialog puts the opening Understanding into record.intake before starting it.
 */
export class IntakeDialog extends InterruptibleDialog {
  constructor(deps: IntakeDeps) {
    super(INTAKE_DIALOG, deps);
    for (const category of CATEGORY_IDS) this.addDialog(new FollowUpDialog(category, deps));
    this.addDialog(new ConfirmSummaryDialog(deps))
      .addDialog(
        new WaterfallDialog(INTAKE_WATERFALL, [
          this.calmStep.bind(this),
          this.issuesStep.bind(this),
          this.confirmStep.bind(this),
          this.acceptStep.bind(this),
        ]),
      )
      .addDialog(
        new WaterfallDialog(ISSUE_LOOP, [this.introduceIssueStep.bind(this), this.followUpStep.bind(this), this.nextIssueStep.bind(this)]),
      );
    this.initialDialogId = INTAKE_WATERFALL;
  }

  private async calmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const record = await this.deps.reader.record(step.context);
    const intake = record.intake;
    if (!intake) return step.endDialog();
    const lines = [await this.deps.reader.phrase(step.context, this.openingFamily(intake))];
    if ((record.priorComplaints ?? 0) > 0 || intake.signals.includes('repeat'))
      lines.push(await this.deps.reader.phrase(step.context, 'valued'));
    if (intake.signals.some((s) => THREAT_SIGNALS.includes(s))) lines.push(await this.deps.reader.phrase(step.context, 'priority'));
    if (intake.issues.length > 1) lines.push(multiIssueText(intake.issues.map((i) => CATEGORY_NAMES[i.category])));
    await step.context.sendActivity(lines.join(''));
    return step.next();
  }

  /** Elderly first (simple words matter most), then anger: apology for the furious, empathy for the rest. */
  private openingFamily(intake: IntakeProgress): PhraseFamily {
    if (intake.elderly) return 'elderly';
    return isBrief(intake, this.deps.settings.angerThreshold) ? 'apology' : 'empathy';
  }

  private issuesStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(ISSUE_LOOP, { issueIndex: 0 } satisfies IssueLoopOptions);
  }

  private confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(CONFIRM_SUMMARY_DIALOG);
  }

  private async acceptStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const record = await this.deps.reader.record(step.context);
    if (step.result !== true || !record.intake) return step.endDialog();
    // If accept fails the error reaches the bot, which keeps the last saved state: «对» again retries.
    let outcome: Awaited<ReturnType<IntakeDeps['caseIntake']['accept']>>;
    try {
      outcome = await this.deps.caseIntake.accept(buildDraft(step.context, record, false));
    } catch (err) {
      if (!(err instanceof IntakeLimited)) throw err;
      // Over a ticket limit: no receipt, but the customer hears where their complaint went.
      forgetHandedOver(record);
      await step.context.sendActivity(intakeLimitedText(err.openTicketId));
      return step.endDialog();
    }
    const { case: accepted, receipt } = outcome;
    forgetHandedOver(record);
    await step.context.sendActivity(receiptMessage(accepted, receipt, this.deps.settings.timeZone));
    await step.context.sendActivity(ANYTHING_ELSE_TEXT);
    return step.endDialog(receipt);
  }

  private async introduceIssueStep(step: WaterfallStepContext<IssueLoopOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog();
    const { issueIndex } = step.options;
    const issue = intake.issues[issueIndex];
    const lines: string[] = [];
    // Announce a grievance only when there are several and we have something to ask about it.
    if (intake.issues.length > 1 && nextQuestion(intake, issueIndex, this.deps.settings)) {
      lines.push(issueIntroText(issueIndex, CATEGORY_NAMES[issue.category]));
    }
    // Advice, not a gate: the interview goes on whether or not the customer tries it.
    if (issue.category === 'product_quality' && !intake.adviceGiven && SELF_CHECK_WORTHY.test(issue.text)) {
      intake.adviceGiven = true;
      lines.push(namesHomeDevice(issue.text) ? HOME_SELF_CHECK_ADVICE : SELF_CHECK_ADVICE);
    }
    if (lines.length > 0) await step.context.sendActivity(lines.join('\n'));
    return step.next();
  }

  private async followUpStep(step: WaterfallStepContext<IssueLoopOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    if (!intake) return step.endDialog();
    const { issueIndex } = step.options;
    return step.beginDialog(followUpDialogId(intake.issues[issueIndex].category), { issueIndex } satisfies FollowUpOptions);
  }

  private async nextIssueStep(step: WaterfallStepContext<IssueLoopOptions>): Promise<DialogTurnResult> {
    const intake = (await this.deps.reader.record(step.context)).intake;
    const next = step.options.issueIndex + 1;
    if (intake && next < intake.issues.length) return step.replaceDialog(ISSUE_LOOP, { issueIndex: next } satisfies IssueLoopOptions);
    return step.endDialog();
  }
}
