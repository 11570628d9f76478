import type { TurnContext } from 'botbuilder';
import { channelOf } from '../../dialogs/caseDraft';
import { LIVE_CONVERSATION_KIND, LIVE_CONVERSATION_TTL_SECONDS, type LiveConversation } from '../domain/liveConversation';
import type { Store } from '../store/store';

export interface ConversationActivityRecorderOptions {
  ttlSeconds?: number;
  /** Told when a record could not be written; the turn goes on regardless. */
  onError?: (error: unknown, conversationId: string) => void;
}

/** What happened in the turn being recorded. */
export interface TurnActivity {
  customerAt?: string;
  botAt?: string;
  anger?: number;
}

/**
 * Keeps the live-conversation record (src/domain/liveConversation.ts) of each conversation the
 * bot serves, through the Store, so the supervision list can show conversations that have no
 * case yet. Recording is best effort: a failure is reported and never fails the customer's turn.
 */
export class ConversationActivityRecorder {
  private readonly ttlSeconds: number;

  constructor(
    private readonly store: Pick<Store, 'getRecord' | 'putRecord'>,
    private readonly options: ConversationActivityRecorderOptions = {},
  ) {
    this.ttlSeconds = options.ttlSeconds ?? LIVE_CONVERSATION_TTL_SECONDS;
  }

  async record(context: TurnContext, turn: TurnActivity): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return;
    try {
      // Once per turn, after it (one write, not one for the message and one for the answer): a
      // turn lasts well under a second, far below the waits the stall detector looks for.
      const previous = await this.store.getRecord<LiveConversation>(LIVE_CONVERSATION_KIND, conversationId);
      const at = turn.customerAt ?? turn.botAt ?? new Date().toISOString();
      const next: LiveConversation = {
        conversationId,
        channel: previous?.channel ?? channelOf(context),
        customerId: previous?.customerId ?? context.activity.from?.id ?? 'unknown',
        startedAt: previous?.startedAt ?? at,
        lastCustomerMessageAt: turn.customerAt ?? previous?.lastCustomerMessageAt ?? at,
        stage: 'bot',
      };
      const lastBotMessageAt = turn.botAt ?? previous?.lastBotMessageAt;
      if (lastBotMessageAt) next.lastBotMessageAt = lastBotMessageAt;
      const anger = turn.anger ?? previous?.anger;
      if (anger !== undefined) next.anger = anger;
      await this.store.putRecord(LIVE_CONVERSATION_KIND, conversationId, next, this.ttlSeconds);
    } catch (error) {
      this.options.onError?.(error, conversationId);
    }
  }
}
