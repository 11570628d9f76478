/**
 * The floor under a desk turn, for web-turns: the same Direct Line channel (tokens, limits, the
 * durable inbox, the log, the stream) on the memory store, with the least bot the design card's
 * libraries allow instead of the desk's. What a turn costs here is what any bot on this channel
 * and on botbuilder pays before it understands a word:
 * - 'echo': botbuilder's TurnContext and nothing else, one reply per message;
 * - 'dialog': a botbuilder-dialogs bot at its smallest, conversation state read and saved every
 *   turn and a one-step waterfall that replies.
 */
import type { AddressInfo } from 'node:net';
import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog } from 'botbuilder-dialogs';
import type { BotLogic } from '../src/bot/botLogic';
import { mountWebChannel } from '../src/channels/web';
import { createHttpServer } from '../src/http/httpServer';
import { createLogger } from '../src/logging/logger';
import { MemoryStore } from '../src/store/memoryStore';
import { BENCH_SECRETS } from './benchSecrets';

export type FloorBot = 'echo' | 'dialog';

const reply = (context: TurnContext) => context.sendActivity(`收到：${context.activity.text ?? ''}`);

function echoBot(): BotLogic {
  return async (context) => {
    if (context.activity.type === 'message') await reply(context);
  };
}

function dialogBot(): BotLogic {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  dialogs.add(new WaterfallDialog('echo', [async (step) => (await reply(step.context), step.endDialog())]));
  return async (context) => {
    if (context.activity.type !== 'message') return;
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog('echo');
    await state.saveChanges(context);
  };
}

/** Starts the floor server on a free port; `stop` closes it. */
export async function startFloorServer(kind: FloorBot): Promise<{ port: number; stop: () => Promise<void> }> {
  const logger = createLogger('silent');
  const server = createHttpServer({ logger });
  const store = new MemoryStore();
  const channel = mountWebChannel(server, {
    store,
    bot: kind === 'echo' ? echoBot() : dialogBot(),
    logger,
    tokenSecret: BENCH_SECRETS.TOKEN_SECRET,
    tokenTtlSeconds: 1800,
    tokenRatePerMinute: 10_000,
    maxMessageChars: 4000,
    messagesPerConversationPerMinute: 10_000,
    messagesPerAddressPerMinute: 100_000,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      await channel.close();
      server.server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
