import type { ChannelAccount } from 'botbuilder';
import type { FetchedAttachment } from '../../domain/channels';
import type { WechatyOptions } from 'wechaty';
import { z } from 'zod';
import type { BotLogic } from '../../bot/botLogic';
import type { Logger } from '../../logging/logger';
import type { Store, Unsubscribe } from '../../store/store';
import { isStoreUnavailable } from '../../store/storeUnavailable';
import { runRetryingWhileStoreUnavailable } from '../../bot/storeRetry';
import { ConversationInbox } from '../inbox/conversationInbox';
import { TurnQueue } from '../inbox/turnQueue';
import { Limiter, MINUTE_MS, type LimitRule } from '../../limits/limiter';
import { FLOOD_NOTICE_TEXT } from '../../../dialogs/wording/replies';
import { realClock, type Clock } from './clock';
import { parseConversationId } from './conversationIds';
import { readInboundMessage, type InboundMessage } from './inboundMessage';
import { LeaderLease } from './leaderLease';
import { ATTACHMENT_REF_PREFIX, conversationIdOf } from './activityMapping';
import { errorText, LoginSupervisor, type LoginState, type WechatyLike } from './loginSupervisor';
import { NotReadyError, OutboundQueue } from './outboundQueue';
import { printQrToTerminal } from './qrTerminal';
import { WechatyAdapter } from './wechatyAdapter';
import { inboundEntry, readInbound, wechatLogId } from './wechatLog';
import { WechatOutbox } from './wechatOutbox';
import type { MessageLike } from './wechatyTypes';

/**
 * The WeChat channel: wires the adapter (bot turns), the durable inbox and outbox (the
 * conversation's WeChat log in the store), the paced outbound queue, the login supervisor
 * (wechaty) and the leader lease (which instance runs the login) together, and reports its
 * state for /healthz and the supervisor page.
 *
 * A customer's message is in the store before its turn runs, and a reply is in the store before
 * it is handed to WeChat: a crash or a failover delays them, it does not lose them.
 */

/** A wechaty puppet instance, e.g. `new PuppetMock({ mocker })`. */
export type WechatyPuppet = Extract<NonNullable<WechatyOptions['puppet']>, object>;

export interface WechatChannelOptions {
  /** Serve group chats (only messages that @-mention the bot). */
  groups: boolean;
  contactPerMinute: number;
  globalPerMinute: number;
  /**
   * Messages one chat may send the bot per minute, counted in the store across instances
   * (MESSAGES_PER_CONVERSATION_PER_MINUTE, the same limit as the web chat). Unset: no limit.
   */
  messagesPerConversationPerMinute?: number;
  typingCharsPerSecond: number;
  /** Longest single WeChat message; longer replies are split. */
  messageChars: number;
  /** Login lease time to live; a dead leader is replaced within about this long. Default 10 s. */
  leaseMs?: number;
  /** Lease renewal / standby retry interval. Default min(3 s, leaseMs / 3). */
  renewMs?: number;
  /** Pacing floor and cap between consecutive messages to one chat. Defaults 600 ms and 4 s. */
  minTypingMs?: number;
  maxTypingMs?: number;
  /** Longest "reaction" pause before the first message after a quiet spell. Default 1 s. */
  firstReplyMaxMs?: number;
  /** Least time between any two messages this account sends. Default 300 ms. */
  globalMinGapMs?: number;
  /** Failed sends are retried after retryBaseMs, doubling, up to maxSendAttempts. */
  retryBaseMs?: number;
  maxSendAttempts?: number;
  /** Reconnect backoff after a logout or puppet failure. Defaults 2 s doubling to 60 s. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** How long stop() waits for queued replies to go out. Default 10 s. */
  drainTimeoutMs?: number;
  /** Longer inbound texts are cut. Default 4000 characters. */
  maxInboundChars?: number;
  /** Test knobs: a virtual clock and the rate window (a minute). */
  clock?: Clock;
  rateWindowMs?: number;
  /** Where the login QR code goes; the terminal (stderr) by default. */
  printQr?: (value: string) => void;
}

export interface WechatChannelDeps {
  bot: BotLogic;
  store: Store;
  logger: Logger;
  /** Unique per running instance; the lease owner. */
  instanceId: string;
  /** A puppet instance (tests, or a puppet built by the caller)... */
  puppet?: WechatyPuppet;
  /** ...or a puppet package name (WECHATY_PUPPET); the puppet reads its own settings from the environment. */
  puppetName?: string;
  options: WechatChannelOptions;
}

export interface WechatStatus {
  enabled: boolean;
  role: 'leader' | 'standby' | 'off';
  login: LoginState;
  user?: string;
  qrcodeUrl?: string;
  lastError?: string;
  /** Messages waiting in this instance's outbound queue. */
  queued: number;
}

export interface WechatChannel {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): WechatStatus;
  /** Loads the media behind a `wechat-message:<id>` reference; only the logged-in leader can. */
  fetchAttachment(ref: string, kind?: string): Promise<FetchedAttachment>;
  readonly adapter: WechatyAdapter;
}

const LEASE_NAME = 'wechat-login';
/**
 * Tells the instance running WeChat that a conversation has replies waiting in its log. Only a
 * hint: the leader's outbox sweep finds them anyway, a second later.
 */
const RELAY_TOPIC = 'wechat-outbound';
const relaySchema = z.object({ conversationId: z.string().min(1).max(600) });
/** Message ids remembered to ignore a puppet's redelivery after a reconnect (here, and in the store for a day). */
const SEEN_IDS = 2000;
const SEEN_WINDOW_MS = 24 * 3600 * 1000;
/** Message ids whose entry is in a WeChat log (kept as long as the seen counter). */
const STORED_KIND = 'wechat-stored';
const PLACEHOLDER_BOT: ChannelAccount = { id: 'wechat-bot', name: 'WeChat' };

export function createWechatChannel(deps: WechatChannelDeps): WechatChannel {
  return new WechatChannelImpl(deps);
}

class WechatChannelImpl implements WechatChannel {
  readonly adapter: WechatyAdapter;
  private readonly enabled: boolean;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly supervisor: LoginSupervisor;
  private queue?: OutboundQueue;
  private readonly outbox: WechatOutbox;
  private turns?: TurnQueue;
  private inbox?: ConversationInbox;
  private lease?: LeaderLease;
  private unsubscribe?: Unsubscribe;
  private started = false;
  /** Set once stop() is done: a message still waiting for the store then is given up. */
  private halted = false;
  private self?: ChannelAccount;
  private sharedWechaty?: WechatyLike;
  private readonly inflight = new Set<Promise<void>>();
  private readonly seen = new Set<string>();
  private readonly limiter: Limiter;
  private readonly floodRule?: LimitRule;

  constructor(private readonly deps: WechatChannelDeps) {
    this.limiter = new Limiter(deps.store);
    const perMinute = deps.options.messagesPerConversationPerMinute;
    if (perMinute) this.floodRule = { name: 'wx-msg-conv', limit: perMinute, windowMs: MINUTE_MS };
    this.enabled = Boolean(deps.puppet || deps.puppetName);
    this.clock = deps.options.clock ?? realClock;
    this.log = deps.logger.child({ channel: 'wechat', instanceId: deps.instanceId });
    this.adapter = new WechatyAdapter({
      bot: deps.bot,
      store: deps.store,
      logger: this.log,
      messageChars: deps.options.messageChars,
      deliver: (conversationId, texts, replyToId) => this.deliver(conversationId, texts, replyToId),
      botAccount: () => this.self ?? PLACEHOLDER_BOT,
    });
    this.outbox = new WechatOutbox({ store: deps.store, logger: this.log });
    const o = deps.options;
    this.supervisor = new LoginSupervisor({
      createWechaty: () => this.createWechaty(),
      clock: this.clock,
      logger: this.log,
      onMessage: (message) => this.onMessage(message),
      onLoggedIn: (self) => {
        this.self = { id: self.id, name: self.name };
        this.queue?.resume();
      },
      onLoggedOut: () => this.queue?.pause(),
      printQr: o.printQr ?? printQrToTerminal,
      reconnectInitialMs: o.reconnectInitialMs ?? 2000,
      reconnectMaxMs: o.reconnectMaxMs ?? 60_000,
    });
  }

  async start(): Promise<void> {
    if (!this.enabled) {
      this.log.info('WeChat channel is off: no WECHATY_PUPPET configured');
      return;
    }
    if (this.started) return;
    this.started = true;
    this.halted = false;
    const o = this.deps.options;
    this.queue = new OutboundQueue({
      send: (chatId, text) => this.supervisor.sendText(chatId, text),
      clock: this.clock,
      logger: this.log,
      contactPerMinute: o.contactPerMinute,
      globalPerMinute: o.globalPerMinute,
      typingCharsPerSecond: o.typingCharsPerSecond,
      minTypingMs: o.minTypingMs,
      maxTypingMs: o.maxTypingMs,
      firstReplyMaxMs: o.firstReplyMaxMs,
      globalMinGapMs: o.globalMinGapMs,
      retryBaseMs: o.retryBaseMs,
      maxAttempts: o.maxSendAttempts,
      windowMs: o.rateWindowMs,
    });
    this.turns = new TurnQueue(this.log);
    // Every instance sweeps: the turns a dead leader left run wherever a lease is free.
    this.inbox = new ConversationInbox({
      name: 'wechat',
      store: this.deps.store,
      turns: this.turns,
      logOf: wechatLogId,
      logger: this.log,
      runTurn: (activity) => this.runTurn(activity),
    });
    const queue = this.queue;
    const leaseMs = o.leaseMs ?? 10_000;
    this.lease = new LeaderLease({
      store: this.deps.store,
      name: LEASE_NAME,
      owner: this.deps.instanceId,
      ttlMs: leaseMs,
      renewMs: o.renewMs ?? Math.min(3000, Math.floor(leaseMs / 3)),
      clock: this.clock,
      logger: this.log,
      onElected: () => {
        this.outbox.lead(queue);
        return this.supervisor.start();
      },
      onDeposed: async () => {
        this.outbox.standDown();
        await this.supervisor.stop();
        const left = queue.clear();
        if (left) this.log.info({ left }, 'WeChat replies left in the outbox for the instance that takes the login');
      },
    });
    this.unsubscribe = await this.deps.store.subscribe(RELAY_TOPIC, (message) => this.onRelay(message));
    this.lease.start();
    this.log.info({ puppet: this.deps.puppetName ?? 'instance' }, 'WeChat channel started; competing for the login lease');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const o = this.deps.options;
    const drainMs = o.drainTimeoutMs ?? 10_000;
    // Let running turns finish and their replies go out before WeChat goes away; whatever is
    // left stays in the store for the next instance (or this one after a restart).
    await this.waitFor(Promise.allSettled([...this.inflight]), drainMs);
    this.inbox?.close();
    if (this.turns) await this.waitFor(this.turns.drain(), drainMs);
    if (this.lease?.isLeader && this.queue && !(await this.queue.drain(drainMs))) {
      this.log.warn({ queued: this.queue.size }, 'stopping WeChat with replies still queued; they stay in the outbox');
    }
    this.outbox.standDown();
    await this.lease?.stop();
    const left = this.queue?.close() ?? 0;
    if (left) this.log.info({ left }, 'WeChat replies left in the outbox at shutdown');
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.halted = true;
    this.log.info('WeChat channel stopped');
  }

  status(): WechatStatus {
    if (!this.enabled) return { enabled: false, role: 'off', login: 'logged-out', queued: 0 };
    const leader = Boolean(this.lease?.isLeader);
    const s = this.supervisor;
    return {
      enabled: true,
      role: leader ? 'leader' : 'standby',
      login: leader ? s.state : 'logged-out',
      ...(leader && s.user ? { user: s.user } : {}),
      ...(leader && s.qrcodeUrl ? { qrcodeUrl: s.qrcodeUrl } : {}),
      ...((s.lastError ?? this.lease?.lastError) ? { lastError: s.lastError ?? this.lease?.lastError } : {}),
      queued: this.queue?.size ?? 0,
    };
  }

  async fetchAttachment(ref: string, kind?: string): Promise<FetchedAttachment> {
    if (!ref.startsWith(ATTACHMENT_REF_PREFIX) || ref.length === ATTACHMENT_REF_PREFIX.length) {
      return { ok: false, status: 404, reason: 'not a WeChat message reference' };
    }
    if (!this.enabled) return { ok: false, status: 503, reason: 'WeChat is not available on this instance (no WECHATY_PUPPET configured)' };
    if (!this.lease?.isLeader)
      return { ok: false, status: 503, reason: 'WeChat is not available on this instance: another instance holds the login' };
    if (this.supervisor.state !== 'logged-in') return { ok: false, status: 503, reason: 'WeChat is not logged in' };
    const messageId = ref.slice(ATTACHMENT_REF_PREFIX.length);
    try {
      if (kind === 'link') {
        const url = await this.supervisor.messageUrl(messageId);
        if (url && /^https?:\/\//i.test(url)) return { ok: true, url };
        return { ok: false, status: 502, reason: 'WeChat gave no link for this message' };
      }
      return { ok: true, file: await this.supervisor.messageFile(messageId) };
    } catch (err) {
      const reason = errorText(err);
      this.log.warn({ messageId, err: reason }, 'WeChat media not loaded');
      const notReady = err instanceof NotReadyError;
      return {
        ok: false,
        status: notReady ? 503 : 502,
        reason: notReady ? reason : `WeChat could not load this message's media: ${reason}`,
      };
    }
  }

  private async createWechaty(): Promise<WechatyLike> {
    // Loaded on first use: about a second, and an instance that never leads never needs it.
    const { WechatyBuilder } = await import('wechaty');
    if (this.deps.puppet) {
      // A given puppet instance is kept and restarted; a new wechaty around it would re-plug it.
      this.sharedWechaty ??= WechatyBuilder.build({ puppet: this.deps.puppet });
      return this.sharedWechaty;
    }
    // Any puppet package works: wechaty loads it by name, and it reads its own settings
    // (e.g. WECHATY_PUPPET_SERVICE_TOKEN) from the environment.
    const puppet = this.deps.puppetName as Extract<WechatyOptions['puppet'], string>;
    return WechatyBuilder.build({ puppet });
  }

  private onMessage(message: MessageLike): void {
    // Also while stopping: stored now, it is answered by the next instance to sweep.
    const work = this.handleMessage(message).catch((err) => {
      this.log.error({ err: errorText(err) }, 'WeChat message handling failed');
    });
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  private async handleMessage(message: MessageLike): Promise<void> {
    const read = await readInboundMessage(message, {
      groups: this.deps.options.groups,
      maxChars: this.deps.options.maxInboundChars ?? 4000,
    });
    if (!read.accepted) {
      const level = read.reason === 'invalid' ? 'warn' : 'debug';
      this.log[level]({ reason: read.reason, detail: read.detail }, 'WeChat message ignored');
      return;
    }
    const { messageId } = read.message;
    if (this.seen.has(messageId)) return;
    this.seen.add(messageId);
    if (this.seen.size > SEEN_IDS) this.seen.delete(this.seen.values().next().value as string);
    const conversationId = conversationIdOf(read.message);
    // The store waits out an outage here: the message is held until it can be stored.
    const retrying = (step: () => Promise<void>) =>
      runRetryingWhileStoreUnavailable(step, { logger: this.log, conversationId, stopped: () => this.halted });
    let taken = false;
    await retrying(async () => {
      taken = await this.alreadyStored(messageId);
    });
    if (taken || (await this.flooding(read.message))) return;
    await retrying(() =>
      this.deps.store.appendActivity(wechatLogId(conversationId), { ...inboundEntry(read.message) }).then(() => undefined),
    );
    await retrying(() => this.deps.store.putRecord(STORED_KIND, messageId, 1, SEEN_WINDOW_MS / 1000));
    await retrying(() => this.inbox?.accept(conversationId) ?? Promise.resolve());
    this.inbox?.kick(conversationId);
  }

  /**
   * A puppet delivers a message again after a reconnect, possibly to another instance. The first
   * to count it takes it; a later one takes it only if it never reached the log (whoever counted
   * it first died before storing it), so a redelivery neither doubles nor loses a message.
   */
  private async alreadyStored(messageId: string): Promise<boolean> {
    const { store } = this.deps;
    if ((await store.hitCounter(`wx-seen:${messageId}`, SEEN_WINDOW_MS)).count === 1) return false;
    return (await store.getRecord(STORED_KIND, messageId)) !== undefined;
  }

  /** One bot turn for a customer message read back from the WeChat log. */
  private async runTurn(activity: Record<string, unknown>): Promise<void> {
    const message = readInbound(activity);
    if (!message) {
      this.log.warn('WeChat log entry is not a customer message; skipped');
      return;
    }
    await this.adapter.processInbound(message);
  }

  /**
   * A chat over its message limit: the message is not turned into a bot turn (a flood would
   * queue minutes of turns for everyone behind it), and the customer hears so once per window,
   * never a silent drop. With the store away the limit cannot be counted; the message goes on
   * and waits for the store like any other.
   */
  private async flooding(message: InboundMessage): Promise<boolean> {
    if (!this.floodRule) return false;
    const conversationId = conversationIdOf(message);
    let verdict;
    try {
      verdict = await this.limiter.take(this.floodRule, conversationId);
    } catch (err) {
      if (isStoreUnavailable(err)) return false;
      throw err;
    }
    if (verdict.allowed) return false;
    this.log.warn({ conversationId, count: verdict.count }, 'WeChat chat over its message limit; message not handled');
    if (verdict.firstRefusal) await this.deliver(conversationId, [FLOOD_NOTICE_TEXT]);
    return true;
  }

  /** Resolves once the texts are durable in the outbox; the instance with the login sends them. */
  private async deliver(conversationId: string, texts: string[], replyToId?: string): Promise<void> {
    const target = parseConversationId(conversationId);
    if (!target) throw new Error(`not a WeChat conversation: ${conversationId}`);
    if (!this.enabled) throw new Error('the WeChat channel is off (no WECHATY_PUPPET configured)');
    await this.outbox.append(conversationId, texts, replyToId);
    if (this.lease?.isLeader) {
      this.outbox.kick(conversationId);
      return;
    }
    // Another instance runs the login (an agent's console may live anywhere): tell it now.
    await this.deps.store.publish(RELAY_TOPIC, { conversationId }).catch((err: unknown) => {
      this.log.debug({ err: errorText(err), conversationId }, 'WeChat relay hint not published; the outbox sweep sends the reply');
    });
  }

  private onRelay(message: unknown): void {
    if (!this.lease?.isLeader) return;
    const parsed = relaySchema.safeParse(message);
    if (!parsed.success || !parseConversationId(parsed.data.conversationId)) {
      this.log.warn('malformed WeChat relay message ignored');
      return;
    }
    this.outbox.kick(parsed.data.conversationId);
  }

  private async waitFor(promise: Promise<unknown>, ms: number): Promise<void> {
    let timer: unknown;
    await Promise.race([promise, new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, ms)))]);
    this.clock.clearTimeout(timer);
  }
}
