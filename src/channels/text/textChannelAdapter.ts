import { ActivityEventNames, ActivityTypes, BotAdapter, TurnContext, type ConversationReference } from 'botbuilder';

/**
 * What every text channel's BotAdapter shares: a message that has left cannot be edited or
 * taken back, and the desk resumes a conversation by running the bot's middleware on a
 * continue event. Each channel adds only how it sends and how a customer's line comes in.
 */
export abstract class TextChannelAdapter extends BotAdapter {
  /** The channel's name in errors, e.g. 'WeChat'. */
  protected abstract readonly channelName: string;

  async updateActivity(): Promise<void> {
    throw new Error(`${this.channelName} cannot edit a message that was sent`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelName} cannot take back a message that was sent`);
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
