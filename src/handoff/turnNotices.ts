import type { Activity, TurnContext } from 'botbuilder';
import type { BotLogic } from '../bot/botLogic';
import type { Case } from '../domain/case';
import type { ChannelRegistry } from '../domain/channels';
import type { Logger } from '../logging/logger';

interface TurnScope {
  /** Said after the bot's own replies of this turn, so the order reads naturally. */
  pending: Partial<Activity>[];
}

/**
 * How the handoff and the follow-up speak to a customer. Inside the customer's own bot turn a notice waits and
 * goes out after the bot's replies («已为您登记人工服务…» first, then the place in the queue);
 * outside a turn (a staff action) it goes through the customer's channel at once.
 */
export class TurnNotices {
  /**
   * The turns running here, by conversation. A conversation's turns run one at a time on an
   * instance (the channels' turn queues), so its id names the running turn. An AsyncLocalStorage
   * scope would say the same, but it turns on promise hooks for the whole process, and every
   * promise of every turn then pays for them. A staff action on a conversation whose turn is
   * running here is said after that turn's replies, which is also the order that reads best.
   */
  private readonly turns = new Map<string, TurnScope>();

  constructor(
    private readonly channels: ChannelRegistry,
    private readonly logger: Logger,
  ) {}

  /** Runs each bot turn in a scope that collects the notices, and says them after the bot's own replies. */
  wrapBot(logic: BotLogic): BotLogic {
    return async (context) => {
      const conversationId = context.activity.conversation?.id;
      if (conversationId === undefined || this.turns.has(conversationId)) return logic(context);
      const scope: TurnScope = { pending: [] };
      this.turns.set(conversationId, scope);
      try {
        await logic(context);
      } finally {
        this.turns.delete(conversationId);
        // Said even when the turn failed: each notice reports an action that was taken.
        if (scope.pending.length > 0) await this.sayPending(context, conversationId, scope.pending);
      }
    };
  }

  private async sayPending(context: TurnContext, conversationId: string, pending: Partial<Activity>[]): Promise<void> {
    try {
      await context.sendActivities(pending);
    } catch (err) {
      this.logger.error({ err, conversationId }, 'could not send the notices that follow the bot replies');
    }
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
    const scope = this.turns.get(conversationId);
    if (!scope) return false;
    scope.pending.push(...activities);
    return true;
  }
}
