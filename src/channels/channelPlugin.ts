import type { Server } from 'restify';
import type { BotLogic } from '../bot/botLogic';
import type { ChannelConnection, ChannelDescriptor } from '../domain/channels';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';

/**
 * A customer channel brought in from outside the desk's own code (createApp's `channels`): its
 * description, and how to start it on the desk's bot core. The composition root describes it
 * before anything reads the registry, starts it once the staff API is mounted and before the
 * server listens, and stops it on shutdown, so a new channel is one folder and one option.
 */
export interface ChannelPlugin {
  readonly descriptor: ChannelDescriptor;
  start(host: ChannelHost): Promise<StartedChannel> | StartedChannel;
}

/** What the desk lends a channel: the one bot core and the parts a transport needs around it. */
export interface ChannelHost {
  /** Every turn of every channel runs through it (the case channel is read from the activity's channelId). */
  bot: BotLogic;
  /** Shared with every instance: where a channel keeps cursors, dedupe and per-customer state. */
  store: Store;
  logger: Logger;
  /** For a channel's own routes (a webhook, a callback); staff routes need the desk's auth. */
  server: Server;
  instanceId: string;
}

/** A running channel: how the desk reaches its customers, and how it is stopped again. */
export interface StartedChannel extends ChannelConnection {
  stop?(): Promise<void>;
}
