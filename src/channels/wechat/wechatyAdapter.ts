import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { TextChannelAdapter } from '../text/textChannelAdapter';
import type { BotLogic } from '../../bot/botLogic';
import type { Logger } from '../../logging/logger';
import { isStoreUnavailable, type Store } from '../../store/store';
import { conversationIdOf, inboundToActivity } from './activityMapping';
import { ChoiceMemory, pickChoice } from '../text/choiceMemory';
import { CHANNEL_ID, parseConversationId } from './conversationIds';
import type { InboundMessage } from './inboundMessage';
import { splitMessage } from '../text/messageSplitter';
import { renderActivity, type ReplyChoice } from '../text/outboundText';
import { errorText } from './loginSupervisor';

/**
 * The WeChat side of the bot, shaped like Bot Framework's own channel adapters: an inbound
 * WeChat message becomes a TurnContext the bot core runs unchanged, and whatever the bot sends
 * is rendered to plain text and handed to `deliver` (the paced outbound queue, or the instance
 * that runs WeChat). Agents can push messages into a conversation with sendToConversation.
 */

export interface WechatyAdapterOptions {
  bot: BotLogic;
  store: Store;
  logger: Logger;
  /** Longest single WeChat message; longer replies are split. */
  messageChars: number;
  /** Hands rendered texts for one conversation to whoever sends them, in order; replyToId names the customer message answered. */
  deliver: (conversationId: string, texts: string[], replyToId?: string) => Promise<void>;
  /** The logged-in WeChat account, for activity.recipient (a placeholder before login). */
  botAccount: () => ChannelAccount;
}

const APOLOGY = '抱歉，系统刚刚开了个小差，请稍后再发一次消息。';

export class WechatyAdapter extends TextChannelAdapter {
  protected readonly channelName = 'WeChat';
  private readonly choices: ChoiceMemory;

  constructor(private readonly o: WechatyAdapterOptions) {
    super();
    this.choices = new ChoiceMemory(o.store);
    // The composition root may replace this; without it a failing turn would leave the customer unanswered.
    this.onTurnError = async (context, error) => {
      // The store is away: the inbox's turn queue runs the turn again once it is back.
      if (isStoreUnavailable(error)) throw error;
      this.o.logger.error({ err: error?.message, conversationId: context.activity.conversation?.id }, 'WeChat turn failed');
      await context.sendActivity(APOLOGY);
    };
  }

  /**
   * Runs the bot for one validated inbound message. The caller (the channel's inbox) runs a
   * conversation's turns one at a time and again while the store is away.
   */
  async processInbound(message: InboundMessage): Promise<void> {
    const conversationId = conversationIdOf(message);
    // A reply such as "1" means the first choice the bot offered last in this conversation.
    const offered = message.kind === 'text' ? await this.recallChoices(conversationId) : undefined;
    const picked = offered ? pickChoice(message.text, offered) : undefined;
    const activity = inboundToActivity(message, this.o.botAccount(), picked);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, (ctx) => this.o.bot(ctx));
  }

  /**
   * Resolves once the messages are queued, not delivered: pacing can hold a reply for seconds
   * and the bot's turn (and its state write) should not wait for that. Order is kept per chat.
   */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const id = randomUUID();
      responses.push({ id });
      // WeChat has no typing indicator; 'delay' is covered by the outbound pacing.
      if (activity.type !== ActivityTypes.Message) continue;
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (!parseConversationId(conversationId)) throw new Error(`not a WeChat conversation: ${conversationId}`);
      const rendered = renderActivity(activity);
      // Remembered (or cleared) before the message leaves, so the customer's answer always finds it.
      await this.rememberChoices(conversationId!, rendered.choices);
      const texts = splitMessage(rendered.text, this.o.messageChars);
      if (texts.length === 0) {
        this.o.logger.warn({ conversationId }, 'bot message has nothing WeChat can show; skipped');
        continue;
      }
      await this.o.deliver(conversationId!, texts, activity.replyToId);
    }
    return responses;
  }

  /** Sends one activity into a WeChat conversation ('wechat:<contactId>' or 'wechat-room:<roomId>'), e.g. an agent's message. */
  async sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    const target = parseConversationId(conversationId);
    if (!target) throw new Error(`not a WeChat conversation: ${conversationId}`);
    const bot = this.o.botAccount();
    const reference: Partial<ConversationReference> = {
      channelId: CHANNEL_ID,
      conversation: {
        id: conversationId,
        isGroup: target.kind === 'room',
        conversationType: target.kind === 'room' ? 'group' : 'personal',
        name: '',
      },
      bot,
      ...(target.kind === 'contact' ? { user: { id: target.id, name: '' } } : {}),
    };
    // Straight to the send path, without the turn's middleware and apology: the caller (an
    // agent's console) should see a failure, not the customer.
    const context = new TurnContext(this, TurnContext.applyConversationReference({ type: ActivityTypes.Event }, reference, true));
    const response = await context.sendActivity(activity);
    return response;
  }

  // Numbered replies are a convenience: when the store is unreachable the message still goes
  // out (and a "1" still reaches the bot, as text) rather than failing the whole turn.
  private async recallChoices(conversationId: string): Promise<ReplyChoice[] | undefined> {
    try {
      return await this.choices.recall(conversationId);
    } catch (err) {
      this.o.logger.warn({ err: errorText(err), conversationId }, 'could not read the offered WeChat choices');
      return undefined;
    }
  }

  private async rememberChoices(conversationId: string, choices: ReplyChoice[]): Promise<void> {
    try {
      await this.choices.remember(conversationId, choices);
    } catch (err) {
      this.o.logger.warn({ err: errorText(err), conversationId }, 'could not store the offered WeChat choices');
    }
  }
}
