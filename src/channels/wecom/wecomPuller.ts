import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';
import { isStoreUnavailable } from '../../store/storeUnavailable';
import { inboundOf, ORIGIN_EVENT } from './kfInbound';
import type { KfMessage, WecomApi } from './wecomApi';
import type { WecomInbound } from './wecomLog';

/**
 * Pulls the customer-service account's messages with kf/sync_msg, one instance at a time (a
 * lease in the store), from the cursor kept in the store. Each page's messages are stored
 * (the customer's, in the conversation's log, once per msgid) before the cursor moves past
 * them, so a restart or another instance goes on exactly where the last pull stopped: a page
 * cut off by a crash is read again and its stored messages are recognised by msgid. An
 * instance told to pull while another holds the lease pulls again once it is free.
 */

const CURSOR_KIND = 'wecom-sync-cursor';
/** A msgid already in a log (kept as long as the logs). */
const STORED_KIND = 'wecom-stored';
const STORED_TTL_SECONDS = 8 * 24 * 3600;
const LEASE = 'wecom-pull';

export interface WecomPullerOptions {
  store: Store;
  api: WecomApi;
  openKfId: string;
  instanceId: string;
  logger: Logger;
  /** Stores a customer message in its conversation's log and queues its turn. */
  /** `resumed`: an earlier pull began storing it and was cut off; it may be in the log already. */
  accept: (message: WecomInbound, resumed: boolean) => Promise<void>;
  leaseMs?: number;
  /** A pull without a callback now and then, in case one was lost. Default 60 s. */
  idlePullMs?: number;
  /** Pull again this soon when another instance held the lease or the pull failed. Default 500 ms. */
  retryMs?: number;
}

export class WecomPuller {
  private running?: Promise<void>;
  private again = false;
  private token?: string;
  private timer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private stopped = true;

  constructor(private readonly o: WecomPullerOptions) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.request(), this.o.idlePullMs ?? 60_000);
    this.timer.unref();
    this.request();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    await this.running;
    await this.o.store.releaseLease(LEASE, this.o.instanceId).catch(() => undefined);
  }

  /** A callback said there is something to pull (its short-lived token makes sync_msg cheaper). */
  request(token?: string): void {
    if (token) this.token = token;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pullOnce();
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
  }

  /** Resolves when no pull is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pullOnce(): Promise<void> {
    const { store, api, openKfId, logger } = this.o;
    let leased = false;
    try {
      if (!(await store.acquireLease(LEASE, this.o.instanceId, this.o.leaseMs ?? 15_000))) {
        // Another instance is pulling, perhaps a page read before this callback's message
        // arrived: pull again once it has handed the lease back.
        this.retrySoon();
        return;
      }
      leased = true;
      for (;;) {
        if (this.stopped) return;
        const cursor = (await store.getRecord<{ cursor: string }>(CURSOR_KIND, openKfId))?.cursor;
        const page = await api.syncMessages({ cursor, token: this.token, openKfId });
        if (page.unreadable) logger.warn({ unreadable: page.unreadable }, 'WeCom sync_msg: messages not understood were skipped');
        for (const message of page.messages) await this.take(message);
        if (page.nextCursor) await store.putRecord(CURSOR_KIND, openKfId, { cursor: page.nextCursor });
        if (!page.hasMore || !page.nextCursor) return;
        if (!(await store.acquireLease(LEASE, this.o.instanceId, this.o.leaseMs ?? 15_000))) return;
      }
    } catch (err) {
      if (isStoreUnavailable(err)) logger.warn('WeCom pull waits for the store');
      else logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'WeCom pull failed; trying again in a few seconds');
      this.retrySoon(5000);
    } finally {
      // Handed back after each pull, so whichever instance hears the next callback can pull.
      if (leased) await store.releaseLease(LEASE, this.o.instanceId).catch(() => undefined);
    }
  }

  private retrySoon(ms = this.o.retryMs ?? 500): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.request();
    }, ms);
    this.retryTimer.unref();
  }

  private async take(message: KfMessage): Promise<void> {
    const { store, logger } = this.o;
    if (message.origin === ORIGIN_EVENT || message.msgtype === 'event') {
      const event = message.event;
      const level = event?.event_type === 'msg_send_fail' ? 'warn' : 'info';
      logger[level]({ event: event?.event_type, scene: event?.scene, failType: event?.fail_type }, 'WeCom event');
      return;
    }
    const inbound = inboundOf(message);
    if (!inbound) return;
    // 'taking' before the log is written, 'stored' after: a pull cut off in between finds
    // 'taking' and the channel looks in the log, so the message is stored once, never twice or not at all.
    const mark = await store.getRecord<string>(STORED_KIND, inbound.msgid);
    if (mark === 'stored') return;
    if (mark !== 'taking') await store.putRecord(STORED_KIND, inbound.msgid, 'taking', STORED_TTL_SECONDS);
    await this.o.accept(inbound, mark === 'taking');
    await store.putRecord(STORED_KIND, inbound.msgid, 'stored', STORED_TTL_SECONDS);
  }
}
