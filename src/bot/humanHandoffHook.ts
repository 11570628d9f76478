import type { TurnContext } from 'botbuilder';

/**
 * The seam to the human handoff (src/handoff/handoffService.ts implements it). While a case of
 * this conversation is queued for or owned by a person, the bot stays silent: the customer's
 * message goes to `relay` (transcript, live push to the console) instead of the dialogs. Without
 * a hook (unit tests of the bot alone) every message goes to the dialogs.
 */
export interface HumanHandoffHook {
  /** True when a person currently owns this conversation's case. */
  isOwnedByHuman(context: TurnContext): Promise<boolean>;
  /** Delivers the customer's activity (text or media) to the agent who owns the case. */
  relay(context: TurnContext): Promise<void>;
}
