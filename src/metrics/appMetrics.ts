import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { channelOf } from '../../dialogs/caseDraft';
import type { BotLogic } from '../bot/botLogic';
import type { Store } from '../store/store';

/** Turn latency buckets, in seconds: a bot turn is tens of milliseconds to a second or two. */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Relay buckets: a customer line reaching the staff stream should take a few milliseconds. */
const RELAY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Read on every scrape; each must be a cheap read of what is already live, never the archive. */
export interface LiveReadings {
  queueLength(): Promise<number>;
  liveConversations(): Promise<number>;
}

/**
 * The Prometheus metrics of one app. Each app has its own Registry (never prom-client's global
 * one), so several apps in one process — tests, embedders — do not collide on metric names.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'channel'>;
  private readonly turnSeconds: Histogram<'channel'>;
  private readonly storeErrors: Counter<'backend'>;
  private readonly relaySeconds: Histogram;

  constructor(live: LiveReadings) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.turns = new Counter({
      name: 'complaint_desk_bot_turns_total',
      help: 'Bot turns run, by channel (a turn retried after a store outage counts once per attempt)',
      labelNames: ['channel'],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: 'complaint_desk_bot_turn_seconds',
      help: 'Time a bot turn takes, from the channel handing it over to its last reply sent, by channel',
      labelNames: ['channel'],
      buckets: TURN_BUCKETS,
      registers,
    });
    this.storeErrors = new Counter({
      name: 'complaint_desk_store_errors_total',
      help: 'Store calls that failed because the store was unavailable, by backend (redis, postgres)',
      labelNames: ['backend'],
      registers,
    });
    this.relaySeconds = new Histogram({
      name: 'complaint_desk_relay_customer_to_agent_seconds',
      help: 'Time from a customer message reaching the relay to its publication on the staff stream',
      buckets: RELAY_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'complaint_desk_handoff_queue_length',
      help: 'Cases waiting in the handoff queue for a person',
      registers,
      async collect() {
        this.set(await readingOrNaN(live.queueLength));
      },
    });
    new Gauge({
      name: 'complaint_desk_live_conversations',
      help: 'Conversations the bot served recently (live-conversation records not yet expired)',
      registers,
      async collect() {
        this.set(await readingOrNaN(live.liveConversations));
      },
    });
  }

  /** The bot core, counted and timed per turn; a turn that throws is counted too. */
  timeTurns(logic: BotLogic): BotLogic {
    return async (context) => {
      const channel = channelOf(context);
      const end = this.turnSeconds.startTimer({ channel });
      try {
        await logic(context);
      } finally {
        end();
        this.turns.inc({ channel });
      }
    };
  }

  /** A call to the live store (memory, Redis) or the archive (PostgreSQL) that found it away. */
  storeUnavailable(backend: Store['kind'] | 'postgres'): void {
    this.storeErrors.inc({ backend });
  }

  relayed(seconds: number): void {
    this.relaySeconds.observe(seconds);
  }
}

/**
 * A reading that fails (the store is away) shows as NaN: the scrape still succeeds, so the
 * store-error counter and the process metrics stay visible exactly when they matter.
 */
async function readingOrNaN(read: () => Promise<number>): Promise<number> {
  try {
    return await read();
  } catch {
    return Number.NaN;
  }
}
