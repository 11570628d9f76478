import type { TurnContext } from 'botbuilder';

/**
 * HOOK for the human-handoff relay (not built yet). While a human agent owns the conversation's
 * case, the bot stays silent: it records the customer's message in the transcript and passes the
 * turn to `relay` instead of running the dialogs. The handoff router will implement this; until
 * then no hook is injected and every message goes to the dialogs.
 */
export interface HumanHandoffHook {
  /** True when a person currently owns this conversation's case. */
  isOwnedByHuman(context: TurnContext): Promise<boolean>;
  /** Delivers the customer's activity (text or media) to the agent who owns the case. */
  relay(context: TurnContext): Promise<void>;
}
