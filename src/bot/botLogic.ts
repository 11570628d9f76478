import type { TurnContext } from 'botbuilder';

/**
 * The bot core as channels see it: one function per turn. Each channel adapter (web Direct Line,
 * WeChat) builds a TurnContext for its transport and calls this; it never knows about dialogs.
 */
export type BotLogic = (context: TurnContext) => Promise<void>;
