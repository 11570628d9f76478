import type { Activity } from 'botbuilder';
import type { ChannelId } from '../domain/case';

/**
 * How an agent's message (or a handoff notice) reaches a customer on their own channel,
 * outside any bot turn. Both channel adapters already have this method:
 * - web: DirectLineAdapter.sendToConversation appends to the conversation's log in the store,
 *   so it works from any instance (the customer's socket may be on another one);
 * - WeChat: WechatyAdapter.sendToConversation queues on the instance that runs the WeChat
 *   login, or publishes the texts to it through the store when this instance is not the leader.
 */
export interface ChannelDelivery {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<unknown>;
}

export class NoDeliveryError extends Error {
  constructor(readonly channel: ChannelId) {
    super(`no way to reach customers on the ${channel} channel from this instance`);
  }
}

/** Deliveries by the case's channel; the composition root registers each channel's adapter. */
export class ChannelDeliveries {
  private readonly byChannel = new Map<ChannelId, ChannelDelivery>();

  register(channel: ChannelId, delivery: ChannelDelivery): void {
    this.byChannel.set(channel, delivery);
  }

  unregister(channel: ChannelId, delivery?: ChannelDelivery): void {
    if (!delivery || this.byChannel.get(channel) === delivery) this.byChannel.delete(channel);
  }

  has(channel: ChannelId): boolean {
    return this.byChannel.has(channel);
  }

  async send(channel: ChannelId, conversationId: string, activity: Partial<Activity>): Promise<void> {
    const delivery = this.byChannel.get(channel);
    if (!delivery) throw new NoDeliveryError(channel);
    await delivery.sendToConversation(conversationId, activity);
  }
}
