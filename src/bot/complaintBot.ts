import {
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import {
  appendTranscript,
  conversationRecordAccessor,
  newConversationRecord,
  type ConversationRecord,
  type MainDialog,
  PHRASE_FAMILIES,
  pickPhrase,
  turnAnger,
} from '../../dialogs';
import { EMPTY_MESSAGE_TEXT, mediaLabel, mediaReceivedText, tooLongText, TURN_FAILED_TEXT } from '../../dialogs/wording/replies';
import type { TranscriptEntry } from '../domain/case';
import type { BotLogic } from './botLogic';
import type { ConversationActivityRecorder } from './conversationActivityRecorder';
import type { HumanHandoffHook } from './humanHandoffHook';
import { isStoreUnavailable } from '../store/storeUnavailable';
import { incomingMedia, isMediaOnly } from './incomingMedia';

export interface ComplaintBotOptions {
  /** Longer messages are not read: the customer is asked to shorten or split them. */
  maxMessageChars: number;
  /** Rolling transcript length kept in conversation state (oldest lines drop first). */
  maxTranscriptEntries?: number;
  /** The human-handoff relay (src/handoff); absent, every message goes to the dialogs. */
  humanHandoff?: HumanHandoffHook;
  /** Told about a turn that failed (logging); the customer gets an apology either way. */
  onTurnError?: (error: unknown, context: TurnContext) => void;
  /** Keeps a live-conversation record per turn the bot serves (the supervisors' list); absent, nothing is recorded. */
  activityRecorder?: ConversationActivityRecorder;
  now?: () => Date;
}

/** Set in turnState, to when the customer's message came, when the bot (not a person) serves it this turn. */
const BOT_SERVED_TURN = Symbol('complaintDesk.botServedTurn');

/** Only the opening of a message we refused goes into the transcript: enough to see what it was. */
const REFUSED_TEXT_KEPT_CHARS = 200;

/**
 * The one bot core every channel calls. It guards the door (empty, oversized and media-only
 * messages), keeps the transcript and the media for the case, greets web-chat customers, and
 * otherwise runs the intake dialogs — or, once a person owns the case, relays instead.
 */
export class ComplaintBot extends ActivityHandler {
  private readonly records: StatePropertyAccessor<ConversationRecord>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly maxTranscriptEntries: number;
  private readonly now: () => Date;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly mainDialog: MainDialog,
    private readonly options: ComplaintBotOptions,
  ) {
    super();
    this.records = conversationRecordAccessor(conversationState);
    this.dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.maxTranscriptEntries = options.maxTranscriptEntries ?? 200;
    this.now = options.now ?? (() => new Date());

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.greet(context);
      await next();
    });
  }

  /** Runs the turn, then saves state, so a restart resumes exactly where the customer stopped. */
  async run(context: TurnContext): Promise<void> {
    let botAt: string | undefined;
    try {
      const record = await this.records.get(context, newConversationRecord());
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) {
          const text = a.type === ActivityTypes.Message ? (a.text ?? a.summary) : undefined;
          if (text) this.remember(record, 'bot', text);
          if (a.type === ActivityTypes.Message) botAt = this.now().toISOString();
        }
        return next();
      });
      await super.run(context);
      await this.conversationState.saveChanges(context, false);
      await this.userState.saveChanges(context, false);
    } catch (error) {
      // The store is away: the apology could not be written either, and the channel runs the
      // whole turn again once it is back (src/bot/storeRetry.ts), from the last saved state.
      if (isStoreUnavailable(error)) throw error;
      // The last saved state is kept on purpose: whatever failed (say, recording the case), the
      // customer's next message lands on the same step and retries it.
      this.options.onTurnError?.(error, context);
      await context.sendActivity(TURN_FAILED_TEXT).catch(() => undefined);
    }
    // One record per turn, after it: the customer's message and the bot's answer together.
    const customerAt = context.turnState.get(BOT_SERVED_TURN) as string | undefined;
    if (customerAt) await this.options.activityRecorder?.record(context, { customerAt, botAt, anger: turnAnger(context) });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const record = await this.records.get(context, newConversationRecord());
    record.turn += 1;
    const activity = context.activity;
    const text = activity.text?.trim() ?? '';
    const media = incomingMedia(activity, this.now().toISOString());

    // A person owns (or is about to take) the case: stay silent and relay to them.
    const handoff = this.options.humanHandoff;
    if (handoff && (await handoff.isOwnedByHuman(context))) {
      this.remember(record, 'customer', text || media.map((m) => mediaLabel(m.kind)).join(' '));
      await handoff.relay(context);
      return;
    }
    // The bot serves this message: recorded for the supervisors' list once the turn is over.
    context.turnState.set(BOT_SERVED_TURN, this.now().toISOString());

    if (media.length > 0) {
      record.attachments.push(...media);
      this.remember(record, 'customer', media.map((m) => mediaLabel(m.kind)).join(' '));
    }
    if (isMediaOnly(activity, media)) {
      await context.sendActivity(mediaReceivedText(media[0].kind));
      return;
    }
    if (!text) {
      await context.sendActivity(EMPTY_MESSAGE_TEXT);
      return;
    }
    if (text.length > this.options.maxMessageChars) {
      this.remember(record, 'customer', `${text.slice(0, REFUSED_TEXT_KEPT_CHARS)}…（共 ${text.length} 字，过长未处理）`);
      await context.sendActivity(tooLongText(this.options.maxMessageChars));
      return;
    }
    this.remember(record, 'customer', text);
    await this.mainDialog.run(context, this.dialogState);
  }

  /** Web Chat announces the customer joining; greet them once per conversation (not the bot itself). */
  private async greet(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    if (!(context.activity.membersAdded ?? []).some((m) => m.id !== botId)) return;
    const record = await this.records.get(context, newConversationRecord());
    if (record.greeted) return;
    record.greeted = true;
    await context.sendActivity(pickPhrase(PHRASE_FAMILIES.welcome, context.activity.conversation?.id ?? ''));
  }

  private remember(record: ConversationRecord, from: TranscriptEntry['from'], text: string): void {
    appendTranscript(record, { from, text, at: this.now().toISOString() }, this.maxTranscriptEntries);
  }
}

/** What createApp hands to every channel: one function per turn. */
export function createComplaintBotLogic(
  conversationState: ConversationState,
  userState: UserState,
  mainDialog: MainDialog,
  options: ComplaintBotOptions,
): BotLogic {
  const bot = new ComplaintBot(conversationState, userState, mainDialog, options);
  return (context) => bot.run(context);
}
