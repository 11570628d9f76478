import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CaseIntake } from '../src/domain/caseIntake';
import type { Recognizer, SmallTalk } from '../src/domain/understanding';
import { readAnswer, type AnswerKind } from '../intents/answerReading';
import { bareText } from './bareText';
import { channelOf } from './caseDraft';
import { conversationRecordAccessor } from './conversationRecord';
import { handOverToHuman } from './humanHandover';
import type { IntakeDeps } from './intakeDeps';
import { INTAKE_DIALOG, IntakeDialog } from './intakeDialog';
import { issuesOf, startIntake } from './intakeProgress';
import { resolveIntakeSettings, type IntakeSettings } from './intakeSettings';
import { TurnReader } from './turnReader';
import {
  CAPABILITIES_TEXT,
  HELP_TEXT,
  HOURS_OFFER_TEXT,
  NOTHING_TO_CANCEL_TEXT,
  questionAnswerText,
  RESTART_TEXT,
} from './wording/replies';

export const MAIN_DIALOG = 'mainDialog';
/** Where botbuilder's DialogStateManager looks for the memory scopes of the turn before it builds them. */
const STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';
const MAIN_WATERFALL = 'mainWaterfall';

/**
 * A bare yes or no with no intake running answers our «还有别的需要帮忙的吗？». A classifier may
 * still give «对» a category or read «没有了» as «cancel»; it is neither. Beyond these words, a
 * reply read as nothing but agreement, denial, «就这些» or «没有» («对，就是这样», the summary's
 * own button typed again; «是的，没错») says the same.
 */
const ACKNOWLEDGEMENT = /^(?:对|好|嗯|是|行|可以|ok|没有|没了|不用|没事|的|了|啊|呀|吧|哈)+$/i;
const ACKNOWLEDGING_READINGS: ReadonlySet<AnswerKind> = new Set(['yes', 'no', 'done', 'none']);

function isAcknowledgement(text: string): boolean {
  return ACKNOWLEDGEMENT.test(bareText(text)) || ACKNOWLEDGING_READINGS.has(readAnswer(text).kind);
}

/** «Fails to understand twice in a row» hands over to a person (DOMAIN.md handoff rule). */
const NOT_UNDERSTOOD_LIMIT = 2;

export interface MainDialogOptions extends IntakeSettings {
  recognizer: Recognizer;
  caseIntake: CaseIntake;
  /** The bot's conversation state: the dialogs keep the intake draft in it, next to the transcript. */
  conversationState: BotState;
}

/**
 * The root dialog. Each new message without an intake running lands in routeStep: small talk
 * gets its answer, a complaint starts the intake, anything else gets «here is what I can do»
 * and, the second time in a row, a person.
 */
export class MainDialog extends ComponentDialog {
  private readonly deps: IntakeDeps;
  private dialogSet?: { state: StatePropertyAccessor<DialogState>; set: DialogSet };
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(options: MainDialogOptions) {
    super(MAIN_DIALOG);
    const reader = new TurnReader(options.recognizer, options.caseIntake, conversationRecordAccessor(options.conversationState));
    this.deps = { reader, caseIntake: options.caseIntake, settings: resolveIntakeSettings(options) };
    this.addDialog(new IntakeDialog(this.deps)).addDialog(
      new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.finalStep.bind(this)]),
    );
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Runs one turn, continuing the dialog in progress or starting a new one (as in the core bot sample). */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    // The memory scopes every dialog context of a turn shares hold no state of their own, so
    // the first turn's serve every turn: botbuilder would otherwise build them again each turn.
    if (this.stateConfiguration) context.turnState.set(STATE_MANAGER_CONFIGURATION, this.stateConfiguration);
    const dc = await this.dialogSetFor(dialogState).createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** The set this dialog runs in: the same for every turn on the same state. */
  private dialogSetFor(state: StatePropertyAccessor<DialogState>): DialogSet {
    if (this.dialogSet?.state !== state) this.dialogSet = { state, set: new DialogSet(state).add(this) };
    return this.dialogSet.set;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const u = await this.deps.reader.understand(context);
    const record = await this.deps.reader.record(context);
    // Only consecutive misses count: anything understood starts the count again.
    const misses = record.notUnderstood + 1;
    record.notUnderstood = 0;

    if (u.smallTalk === 'human') {
      // Whatever complaint came with the request travels with it.
      record.intake = startIntake(u, this.deps.settings.minIssueConfidence);
      await handOverToHuman(context, this.deps, 'asked');
      return step.endDialog();
    }
    const complaint = issuesOf(u).length > 0;
    if (isAcknowledgement(u.text)) {
      await context.sendActivity(await this.deps.reader.phrase(context, 'acknowledged'));
      return step.endDialog();
    }
    if (u.smallTalk && !complaint) {
      await context.sendActivity(await this.smallTalkReply(context, u.smallTalk));
      return step.endDialog();
    }
    if (complaint) {
      record.intake = startIntake(u, this.deps.settings.minIssueConfidence);
      return step.beginDialog(INTAKE_DIALOG);
    }

    if (misses >= NOT_UNDERSTOOD_LIMIT) {
      record.intake = startIntake(u, this.deps.settings.minIssueConfidence);
      await handOverToHuman(context, this.deps, 'not_understood');
      return step.endDialog();
    }
    record.notUnderstood = misses;
    await context.sendActivity(`${await this.deps.reader.phrase(context, 'notUnderstood')}${CAPABILITIES_TEXT}`);
    return step.endDialog();
  }

  private finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  private async smallTalkReply(context: TurnContext, kind: Exclude<SmallTalk, 'human'>): Promise<string> {
    switch (kind) {
      case 'greeting': {
        // The web chat's welcome already said 您好; two greetings in a row read like a machine.
        const record = await this.deps.reader.record(context);
        const family = record.greeted ? 'listening' : 'greetingReply';
        record.greeted = true;
        return this.deps.reader.phrase(context, family);
      }
      case 'thanks':
        return this.deps.reader.phrase(context, 'youAreWelcome');
      case 'bye':
        return this.deps.reader.phrase(context, 'bye');
      case 'hours':
        return `${this.deps.settings.hoursText}${HOURS_OFFER_TEXT}`;
      case 'help':
        return HELP_TEXT;
      case 'cancel':
        return NOTHING_TO_CANCEL_TEXT;
      case 'restart':
        return RESTART_TEXT;
      case 'praise':
        await this.recordCompliment(context);
        return this.deps.reader.phrase(context, 'praiseThanks');
      case 'question':
        return questionAnswerText(bareText(context.activity.text ?? ''), this.deps.settings.questionText);
      case 'withdrawn':
        return this.deps.reader.phrase(context, 'withdrawnReply');
    }
  }

  /** Praise goes to the reports for the team; losing it must not cost the customer the thank-you. */
  private async recordCompliment(context: TurnContext): Promise<void> {
    const { activity } = context;
    try {
      await this.deps.caseIntake.recordCompliment({
        channel: channelOf(context),
        customerId: activity.from?.id ?? '',
        conversationId: activity.conversation?.id ?? '',
        text: activity.text ?? '',
      });
    } catch {
      // The store is down: the thanks is still said; the compliment is the only thing not kept.
    }
  }
}
