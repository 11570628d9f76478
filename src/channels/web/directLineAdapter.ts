import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { BotLogic } from '../../bot/botLogic';
import type { Logger } from '../../logging/logger';
import { isStoreUnavailable } from '../../store/storeUnavailable';
import type { ConversationLog } from './conversationLog';
import type { ConversationRegistry } from './conversations';
import { DIRECT_LINE_CHANNEL_ID, WEB_BOT_ACCOUNT } from './identity';

export { DIRECT_LINE_CHANNEL_ID, WEB_BOT_ACCOUNT };

/** Said when a turn fails, so the customer is not left waiting for an answer that never comes. */
const TURN_ERROR_REPLY = '抱歉，系统暂时出了点问题，请稍后再发一次，或者稍后再来咨询。';

export class UnknownConversationError extends Error {
  constructor(readonly conversationId: string) {
    super(`web channel: no web conversation ${conversationId}`);
  }
}

export interface DirectLineAdapterOptions {
  log: ConversationLog;
  conversations: ConversationRegistry;
  bot: BotLogic;
  logger: Logger;
}

/**
 * The web chat's BotAdapter: Direct Line activities in, the bot's activities out into the
 * conversation's log in the Store, from where every instance streams them to the browser.
 * The bot core sees an ordinary TurnContext and never knows it is talking to a web page.
 */
export class DirectLineAdapter extends BotAdapter {
  readonly botAccount: ChannelAccount = { ...WEB_BOT_ACCOUNT };
  private readonly log: ConversationLog;
  private readonly conversations: ConversationRegistry;
  private readonly bot: BotLogic;
  private readonly logger: Logger;

  constructor(options: DirectLineAdapterOptions) {
    super();
    this.log = options.log;
    this.conversations = options.conversations;
    this.bot = options.bot;
    this.logger = options.logger;
    // A default the bot core may replace: log, then apologise to the customer.
    this.onTurnError = async (context, error) => {
      // Not the bot's fault and no apology could be written: the turn queue retries the turn.
      if (isStoreUnavailable(error)) throw error;
      this.logger.error(
        { err: error, conversationId: context.activity.conversation?.id, activityType: context.activity.type },
        'web channel: unhandled error in a bot turn',
      );
      try {
        await context.sendActivity(TURN_ERROR_REPLY);
      } catch (err) {
        this.logger.error({ err }, 'web channel: could not send the turn-error apology');
      }
    };
  }

  /** Runs one turn for an incoming activity through the middleware and the bot (or `logic`). */
  async processActivity(activity: Partial<Activity>, logic: BotLogic = this.bot): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        // The Bot Framework convention for pauses between messages; value is milliseconds.
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Trace || activity.type === 'invokeResponse') {
        // Debug traces from the dialog libraries may hold internals; customers never see them.
        responses.push({ id: '' });
      } else {
        const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
        if (!conversationId) throw new Error('web channel: outgoing activity has no conversation id');
        responses.push(await this.deliver(conversationId, activity));
      }
    }
    return responses;
  }

  async updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {
    throw new Error('web channel: updating a sent activity is not supported by the web chat');
  }

  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('web channel: deleting a sent activity is not supported by the web chat');
  }

  /**
   * Proactive turn (e.g. an agent's reply relayed by the handoff router): `logic` gets a
   * context whose sendActivity writes into the web conversation. A failure reaches the caller
   * (who must know the agent's message was not delivered) instead of onTurnError, which would
   * apologise to the customer for a fault on the agents' side.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      { ...reference, channelId: DIRECT_LINE_CHANNEL_ID, bot: reference.bot ?? this.botAccount },
      true,
    );
    let failure: { error: unknown } | undefined;
    await this.processActivity(event, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }

  /** A reference for continueConversation, built from the stored conversation. */
  async getConversationReference(conversationId: string): Promise<Partial<ConversationReference>> {
    const conversation = await this.conversations.get(conversationId);
    if (!conversation) throw new UnknownConversationError(conversationId);
    return {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: conversation.serviceUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: conversation.userId, name: conversation.userName ?? '', role: 'user' },
      bot: this.botAccount,
      locale: conversation.locale,
    };
  }

  /**
   * Pushes one activity into a web conversation without a turn (no middleware runs). Throws
   * UnknownConversationError for a conversation that never started or has expired, so a typo
   * cannot silently open a new transcript.
   */
  async sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse> {
    const conversation = await this.conversations.get(conversationId);
    if (!conversation) throw new UnknownConversationError(conversationId);
    return this.deliver(conversationId, {
      ...activity,
      serviceUrl: activity.serviceUrl ?? conversation.serviceUrl,
      recipient: activity.recipient ?? { id: conversation.userId, name: conversation.userName ?? '', role: 'user' },
    });
  }

  private async deliver(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse> {
    const outgoing: Partial<Activity> = {
      ...activity,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { isGroup: false, conversationType: 'personal', name: '', ...activity.conversation, id: conversationId },
      // An agent may speak under their own name, but always on the bot's side of the chat.
      from: { ...(activity.from?.id ? activity.from : this.botAccount), role: 'bot' },
      // Ids and timestamps are ours, so they are unique and ordered however the bot built the activity.
      id: undefined,
      timestamp: undefined,
    };
    if (!outgoing.type) outgoing.type = ActivityTypes.Message;
    const { id } = await this.log.append(conversationId, outgoing);
    return { id };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, 30_000))));
}
