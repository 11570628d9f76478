import { ActivityTypes, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { TextChannelAdapter } from '../../../src/channels/text/textChannelAdapter';
import type { BotLogic } from '../../../src/bot/botLogic';
import type { ChannelHost, ChannelPlugin, StartedChannel } from '../../../src/channels/channelPlugin';
import { ChoiceMemory, pickChoice } from '../../../src/channels/text/choiceMemory';
import { renderActivity } from '../../../src/channels/text/outboundText';
import type { ChannelDescriptor } from '../../../src/domain/channels';
import type { Store } from '../../../src/store/store';

/**
 * A channel that lives entirely in this folder, to prove the seam: a plain-text messenger with
 * no cards, menus, attachments or typing. It uses only what src/ offers every channel (the
 * plugin option, the shared text rendering and choice memory) and changes nothing outside here.
 */

export const TOY_CHANNEL: ChannelDescriptor = {
  id: 'toy',
  label: '短信模拟',
  capabilities: { cards: false, menus: false, attachments: false, typing: false },
};

const BOT = { id: 'toy-bot', name: '投诉助手' };
const TURN_REPLIES = Symbol('toyTurnReplies');

export const toyConversationId = (user: string) => `toy:${user}`;

class ToyAdapter extends TextChannelAdapter {
  protected readonly channelName = 'The toy channel';
  /** What reached each conversation outside a customer's turn: agents' messages, notices. */
  readonly outbox = new Map<string, string[]>();
  private readonly choices: ChoiceMemory;

  constructor(
    private readonly bot: BotLogic,
    store: Store,
  ) {
    super();
    this.choices = new ChoiceMemory(store, 'toy-choices');
  }

  /** One customer message through the bot core; the texts the bot answered during the turn. */
  async say(user: string, text: string): Promise<string[]> {
    const conversationId = toyConversationId(user);
    const offered = await this.choices.recall(conversationId);
    const picked = offered && pickChoice(text, offered);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: `${user}-${Date.now()}`,
      timestamp: new Date(),
      channelId: TOY_CHANNEL.id,
      from: { id: user, name: '', role: 'user' },
      recipient: { ...BOT, role: 'bot' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      locale: 'zh-CN',
      text: picked?.choice.text ?? text,
      ...(picked?.choice.value !== undefined ? { value: picked.choice.value } : {}),
    };
    const context = new TurnContext(this, activity);
    const replies: string[] = [];
    context.turnState.set(TURN_REPLIES, replies);
    await this.runMiddleware(context, (ctx) => this.bot(ctx));
    return replies;
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation!.id;
    const sink = (context.turnState.get(TURN_REPLIES) as string[] | undefined) ?? this.outboxOf(conversationId);
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message) continue;
      const rendered = renderActivity(activity);
      if (rendered.text) sink.push(rendered.text);
      await this.choices.remember(conversationId, rendered.choices);
    }
    return activities.map((_, i) => ({ id: `${conversationId}-${Date.now()}-${i}` }));
  }

  /** The desk's way to the customer outside a turn (ChannelDelivery). */
  async sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    const reference: Partial<ConversationReference> = {
      channelId: TOY_CHANNEL.id,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      bot: BOT,
      user: { id: conversationId.replace(/^toy:/, ''), name: '' },
    };
    const context = new TurnContext(this, TurnContext.applyConversationReference({ type: ActivityTypes.Event }, reference, true));
    return context.sendActivity(activity);
  }

  outboxOf(conversationId: string): string[] {
    let box = this.outbox.get(conversationId);
    if (!box) this.outbox.set(conversationId, (box = []));
    return box;
  }
}

/** The plugin handed to createApp({ channels }); `adapter` is there once the app has started. */
export class ToyChannel implements ChannelPlugin {
  readonly descriptor = TOY_CHANNEL;
  adapter?: ToyAdapter;
  stopped = false;

  start(host: ChannelHost): StartedChannel {
    this.adapter = new ToyAdapter(host.bot, host.store);
    return {
      delivery: this.adapter,
      stop: async () => {
        this.stopped = true;
      },
    };
  }
}
