import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Understanding } from '../src/domain/understanding';
import { readAnswer } from '../intents/answerReading';
import { handOverToHuman } from './humanHandover';
import type { IntakeDeps } from './intakeDeps';
import { absorb } from './intakeProgress';
import { bareText } from './bareText';
import type { ConversationRecord } from './conversationRecord';
import {
  CANCELLED_TEXT,
  HELP_TEXT,
  PASSING_GREETING_TEXT,
  PASSING_LISTENING_TEXT,
  PASSING_THANKS_TEXT,
  RESTART_TEXT,
} from './wording/replies';

/** Small talk this short is a remark in passing, not an answer to the question on the table. */
const PASSING_REMARK_MAX_CHARS = 8;
const EXPLICIT_CANCEL = /取消|算了|不办了|不投诉了|撤销|撤回|不用了|不需要了|不弄了/;
/** «好的谢谢» at the summary is consent, not a thank-you to answer: let the step have it. */
const CONSENT = /好|对|是|行|可以|嗯|ok/i;

/**
 * Base for dialogs the customer can interrupt at any step (like cancelAndHelpDialog.ts in the core
 * bot sample): 转人工, 取消, 重新说 and 帮助 are caught before the waiting prompt sees the message.
 * A message that also carries a complaint («我要取消这个乱扣费的彩铃») is not a command, except
 * 转人工, which always wins and takes the complaint along.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly deps: IntakeDeps,
  ) {
    super(id);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    if (context.activity.type !== ActivityTypes.Message) return undefined;
    const u = await this.deps.reader.understand(context);
    const record = await this.deps.reader.record(context);

    if (u.smallTalk === 'human') {
      if (record.intake) absorb(record.intake, u);
      await handOverToHuman(context, this.deps, 'asked');
      return innerDc.cancelAllDialogs();
    }
    if (u.category !== 'none') return undefined;
    // The reply is read as an answer to what we asked: «不用了，不投诉了» withdraws wherever it is
    // said, while «不用了» at the summary is «nothing to add», for the summary step to take.
    const asked = record.intake?.awaiting ?? 'question';
    const answer = readAnswer(u.text, asked);
    const reading = answer.kind;
    if (reading === 'cancel') return this.cancel(innerDc);
    // «不用了» at one of our questions passes on that question; the question step records it.
    if (answer.reason === 'declined') return undefined;
    if (!u.smallTalk || (asked !== 'question' && reading !== 'value')) return undefined;

    switch (u.smallTalk) {
      case 'cancel':
        // Losing a half-told complaint is costly, and at a question «没有了» / «没事了» are answers:
        // mid-intake only an explicit word cancels.
        return EXPLICIT_CANCEL.test(u.text) ? this.cancel(innerDc) : undefined;
      case 'restart':
        // Media already sent stay: they are evidence for whatever the customer tells next.
        record.intake = undefined;
        await context.sendActivity(RESTART_TEXT);
        return innerDc.cancelAllDialogs();
      case 'help':
        await context.sendActivity(HELP_TEXT);
        return this.askAgain(innerDc);
      case 'bye':
        // Not an interruption: recognizers hear «就是这样» / «也这样» as a farewell, and at a question
        // those are answers. A customer who really leaves loses nothing: the state waits for them.
        return undefined;
      default:
        if (!isPassingRemark(u)) return undefined;
        await context.sendActivity(this.passingReply(u, record));
        return this.askAgain(innerDc);
    }
  }

  private async cancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    const record = await this.deps.reader.record(innerDc.context);
    // Nothing is recorded: the draft and the media go, only the rolling transcript stays.
    record.intake = undefined;
    record.attachments = [];
    await innerDc.context.sendActivity(CANCELLED_TEXT);
    return innerDc.cancelAllDialogs();
  }

  private passingReply(u: Understanding, record: ConversationRecord): string {
    if (u.smallTalk === 'hours') return this.deps.settings.hoursText;
    if (u.smallTalk === 'thanks') return PASSING_THANKS_TEXT;
    if (u.smallTalk !== 'greeting') return PASSING_GREETING_TEXT;
    // Greeted already (the web chat's welcome, an earlier 你好): no second 您好.
    const greeted = record.greeted;
    record.greeted = true;
    return greeted ? PASSING_LISTENING_TEXT : PASSING_GREETING_TEXT;
  }

  private async askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }
}

function isPassingRemark(u: Understanding): boolean {
  const text = bareText(u.text);
  return text.length <= PASSING_REMARK_MAX_CHARS && !(u.smallTalk === 'thanks' && CONSENT.test(text));
}
