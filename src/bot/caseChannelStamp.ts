import { CASE_CHANNEL_TURN_KEY, type ChannelRegistry } from '../domain/channels';
import type { BotLogic } from './botLogic';

/**
 * Reads the turn's case channel from the registry once, at the start of the turn, so that the
 * dialogs, the metrics and the live record all name the same channel (dialogs/caseDraft.ts
 * channelOf reads it back) without knowing which channels exist.
 */
export function stampCaseChannel(channels: ChannelRegistry, logic: BotLogic): BotLogic {
  return async (context) => {
    context.turnState.set(CASE_CHANNEL_TURN_KEY, channels.caseChannel(context.activity.channelId));
    await logic(context);
  };
}
