import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity } from 'botbuilder';
import type { BotLogic } from '../bot/botLogic';
import type { Case } from '../domain/case';
import type { ChannelRegistry } from '../domain/channels';
import type { Logger } from '../logging/logger';

interface TurnScope {
  conversationId?: string;
  /** Said after the bot's own replies of this turn, so the order reads naturally. */
  pending: Partial<Activity>[];
}

/**
 * How the handoff and the follow-up speak to a customer. Inside the customer's own bot turn a notice waits and
 * goes out after the bot's replies («已为您登记人工服务…» first, then the place in the queue);
 * outside a turn (a staff action) it goes through the customer's channel at once.
 */
export class TurnNotices {
  private readonly turns = new AsyncLocalStorage<TurnScope>();

  constructor(
    private readonly channels: ChannelRegistry,
    private readonly logger: Logger,
  ) {}

  /** Runs each bot turn in a scope that collects the notices, and says them after the bot's own replies. */
  wrapBot(logic: BotLogic): BotLogic {
    return async (context) => {
      const scope: TurnScope = { conversationId: context.activity.conversation?.id, pending: [] };
      await this.turns.run(scope, () => logic(context));
      if (scope.pending.length === 0) return;
      try {
        await context.sendActivities(scope.pending);
      } catch (err) {
        this.logger.error({ err, conversationId: scope.conversationId }, 'could not send the notices that follow the bot replies');
      }
    };
  }

  /** Says something to the customer; false when they cannot be reached, which does not undo the action that caused it. */
  async tell(c: Pick<Case, 'id' | 'channel' | 'conversationId'>, activities: Partial<Activity>[]): Promise<boolean> {
    if (this.sayInTurn(c.conversationId, activities)) return true;
    try {
      for (const activity of activities) await this.channels.send(c.channel, c.conversationId, activity);
      return true;
    } catch (err) {
      this.logger.warn({ err, caseId: c.id, channel: c.channel }, 'could not tell the customer');
      return false;
    }
  }

  /** Queues the notices for the end of this conversation's turn; false when no turn of it is running here. */
  sayInTurn(conversationId: string, activities: Partial<Activity>[]): boolean {
    const scope = this.turns.getStore();
    if (!scope || scope.conversationId !== conversationId) return false;
    scope.pending.push(...activities);
    return true;
  }
}
