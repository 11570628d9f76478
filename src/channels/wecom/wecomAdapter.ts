import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  HandoffEventNames,
  TurnContext,
  type Activity,
  type Attachment,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { TextChannelAdapter } from '../text/textChannelAdapter';
import type { BotLogic } from '../../bot/botLogic';
import type { Logger } from '../../logging/logger';
import { isStoreUnavailable, type Store } from '../../store/store';
import { ChoiceMemory, pickChoice, type PickedChoice } from '../text/choiceMemory';
import { splitMessage } from '../text/messageSplitter';
import { renderActivity, type ReplyChoice } from '../text/outboundText';
import { SERVICE_STATES } from './wecomApi';
import { CHANNEL_ID, externalUserOf, WECOM_MEDIA_PREFIX, wecomConversationId, type OutboundBody, type WecomInbound } from './wecomLog';

/**
 * The WeCom side of the bot: a customer's message becomes a TurnContext for the one bot core;
 * what the bot says during the turn is collected and goes out, after the turn, as few WeCom
 * messages as it can (the 5-message budget): the texts joined, the choices as msgmenu click
 * items. Messages outside a turn (an agent's, a handoff notice) go out one each. The handoff's
 * events move the WeCom session state: queued 2, a person 3, ended 4.
 */

export interface WecomAdapterOptions {
  bot: BotLogic;
  store: Store;
  logger: Logger;
  /** Longest text in one WeCom message (characters); longer texts are split. */
  messageChars: number;
  deliver: (conversationId: string, bodies: OutboundBody[], replyToId?: string) => Promise<void>;
}

const BOT: ChannelAccount = { id: 'wecom-kf', name: '企业微信客服' };
const TURN_REPLIES = Symbol('wecomTurnReplies');
const APOLOGY = '抱歉，系统刚刚开了个小差，请稍后再发一次消息。';
const MENU_PREFIX = 'choice-';
/** msgmenu items WeCom shows well; more are offered as numbers in the text. */
const MAX_MENU_ITEMS = 10;
/** msgmenu's head_content is shorter than a text message's 2,048 bytes. */
const MAX_MENU_HEAD_CHARS = 300;
const ATTACHMENT_TYPES: Record<string, string> = { image: 'image/*', voice: 'audio/*', video: 'video/*', file: 'application/octet-stream' };

interface TurnReplies {
  texts: string[];
  choices: ReplyChoice[];
  states: number[];
}

export class WecomAdapter extends TextChannelAdapter {
  protected readonly channelName = 'WeCom';
  private readonly choices: ChoiceMemory;

  constructor(private readonly o: WecomAdapterOptions) {
    super();
    this.choices = new ChoiceMemory(o.store, 'wecom-choices');
    this.onTurnError = async (context, error) => {
      if (isStoreUnavailable(error)) throw error;
      this.o.logger.error({ err: error?.message, conversationId: context.activity.conversation?.id }, 'WeCom turn failed');
      await context.sendActivity(APOLOGY);
    };
  }

  async processInbound(message: WecomInbound): Promise<void> {
    const conversationId = wecomConversationId(message.externalUserId);
    const picked = message.kind === 'text' ? await this.picked(conversationId, message) : undefined;
    const context = new TurnContext(this, toActivity(message, picked));
    const replies: TurnReplies = { texts: [], choices: [], states: [] };
    context.turnState.set(TURN_REPLIES, replies);
    await this.runMiddleware(context, (ctx) => this.o.bot(ctx));
    await this.flush(conversationId, replies, message.msgid);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(TURN_REPLIES) as TurnReplies | undefined;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      responses.push({ id: randomUUID() });
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (!externalUserOf(conversationId)) throw new Error(`not a WeCom conversation: ${conversationId}`);
      const turn: TurnReplies = replies ?? { texts: [], choices: [], states: [] };
      if (activity.type === ActivityTypes.Event) {
        const state = serviceStateOf(activity);
        if (state !== undefined) turn.states.push(state);
      } else if (activity.type === ActivityTypes.Message) {
        const rendered = renderActivity(activity, { choicesInText: false });
        if (rendered.text) turn.texts.push(rendered.text);
        // As on web chat, the choices belong to the latest message that offers any.
        if (rendered.choices.length) turn.choices = rendered.choices;
      }
      if (!replies) await this.flush(conversationId!, turn, activity.replyToId);
    }
    return responses;
  }

  /** An agent's message or a handoff notice, outside a turn: straight to the outbox. */
  async sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    const user = externalUserOf(conversationId);
    if (!user) throw new Error(`not a WeCom conversation: ${conversationId}`);
    const reference: Partial<ConversationReference> = {
      channelId: CHANNEL_ID,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      bot: BOT,
      user: { id: user, name: '' },
    };
    const context = new TurnContext(this, TurnContext.applyConversationReference({ type: ActivityTypes.Event }, reference, true));
    return context.sendActivity(activity);
  }

  /** One turn's replies as few messages as possible: state changes first, texts joined, the choices as click items. */
  private async flush(conversationId: string, replies: TurnReplies, replyToId?: string): Promise<void> {
    const bodies: OutboundBody[] = replies.states.map((serviceState) => ({ serviceState }));
    const menu = replies.choices.slice(0, MAX_MENU_ITEMS).map((c, i) => ({ id: `${MENU_PREFIX}${i + 1}`, content: c.title }));
    const extra = replies.choices.slice(MAX_MENU_ITEMS).map((c, i) => `${MAX_MENU_ITEMS + i + 1}. ${c.title}`);
    const texts = splitMessage([...replies.texts, ...extra].join('\n\n'), this.o.messageChars);
    // A long last text goes on its own: a msgmenu's head should stay short enough for WeCom to show it whole.
    if (menu.length && (texts.length === 0 || Array.from(texts[texts.length - 1]).length > MAX_MENU_HEAD_CHARS)) texts.push('请选择：');
    texts.forEach((text, i) => bodies.push(i === texts.length - 1 && menu.length ? { text, menu } : { text }));
    if (replies.texts.length || replies.choices.length || replies.states.length) await this.remember(conversationId, replies.choices);
    if (bodies.length) await this.o.deliver(conversationId, bodies, replyToId);
  }

  /** A menu click names the item; a typed "1" or the item's title means it too. */
  private async picked(conversationId: string, message: WecomInbound): Promise<PickedChoice | undefined> {
    let offered: ReplyChoice[] | undefined;
    try {
      offered = await this.choices.recall(conversationId);
    } catch (err) {
      this.o.logger.warn({ err, conversationId }, 'could not read the offered WeCom choices');
    }
    if (!offered) return undefined;
    if (message.menuId?.startsWith(MENU_PREFIX)) {
      const index = Number(message.menuId.slice(MENU_PREFIX.length)) - 1;
      if (Number.isInteger(index) && index >= 0 && index < offered.length) return { index, choice: offered[index] };
    }
    return pickChoice(message.text ?? '', offered);
  }

  private async remember(conversationId: string, choices: ReplyChoice[]): Promise<void> {
    try {
      await this.choices.remember(conversationId, choices);
    } catch (err) {
      this.o.logger.warn({ err, conversationId }, 'could not store the offered WeCom choices');
    }
  }
}

/** handoff.initiate: waiting for a person (2); handoff.status accepted: a person (3); completed: ended (4). */
function serviceStateOf(activity: Partial<Activity>): number | undefined {
  if (activity.name === HandoffEventNames.InitiateHandoff) return SERVICE_STATES.queued;
  if (activity.name !== HandoffEventNames.HandoffStatus) return undefined;
  const state = (activity.value as { state?: string } | undefined)?.state;
  if (state === 'accepted') return SERVICE_STATES.agent;
  if (state === 'completed') return SERVICE_STATES.closed;
  return undefined;
}

function toActivity(message: WecomInbound, picked?: PickedChoice): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: message.msgid,
    timestamp: new Date(message.sentAt),
    channelId: CHANNEL_ID,
    from: { id: message.externalUserId, name: '', role: 'user' },
    recipient: { ...BOT, role: 'bot' },
    conversation: { id: wecomConversationId(message.externalUserId), isGroup: false, conversationType: 'personal', name: '' },
    locale: 'zh-CN',
    textFormat: 'plain',
    channelData: {
      wecom: {
        msgid: message.msgid,
        kind: message.kind,
        ...(picked ? { choice: { index: picked.index, reply: message.text ?? '' } } : {}),
      },
    },
  };
  if (picked) {
    if (picked.choice.text !== undefined) activity.text = picked.choice.text;
    if (picked.choice.value !== undefined) activity.value = picked.choice.value;
  } else if (message.text !== undefined) {
    activity.text = message.text;
  }
  if (message.mediaId && ATTACHMENT_TYPES[message.kind]) {
    const attachment: Attachment = {
      contentType: ATTACHMENT_TYPES[message.kind],
      contentUrl: WECOM_MEDIA_PREFIX + message.mediaId,
      name: message.name ?? message.kind,
    };
    activity.attachments = [attachment];
  }
  return activity;
}
