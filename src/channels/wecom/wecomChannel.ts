import { Readable } from 'node:stream';
import type { Server } from 'restify';
import type { FetchedAttachment } from '../../domain/channels';
import type { BotLogic } from '../../bot/botLogic';
import { runRetryingWhileStoreUnavailable } from '../../bot/storeRetry';
import type { WecomSettings } from '../../config/env';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';
import { ConversationInbox } from '../inbox/conversationInbox';
import { TurnQueue } from '../inbox/turnQueue';
import { mountCallbackRoutes } from './callbackRoutes';
import { SendBudget, type BudgetState } from './sendBudget';
import { WecomAdapter } from './wecomAdapter';
import { WecomApi, WecomApiError } from './wecomApi';
import {
  inboundEntry,
  readInbound,
  WECOM_MEDIA_PREFIX,
  wecomConversationId,
  wecomLogId,
  externalUserOf,
  type WecomInbound,
} from './wecomLog';
import { WecomOutbox, type HeldState } from './wecomOutbox';
import { WecomPuller } from './wecomPuller';

/**
 * The WeCom customer-service channel (企业微信 · 微信客服): the callback routes, the puller
 * (kf/sync_msg under a lease), the shared durable inbox that runs the bot's turns, the adapter,
 * and the outbox that sends within the customer's 48-hour / 5-message budget.
 */

export interface WecomChannelDeps {
  bot: BotLogic;
  store: Store;
  logger: Logger;
  instanceId: string;
  settings: WecomSettings;
  /** Test knobs: faster sweeps, a clock for the 48-hour window. */
  sweepMs?: number;
  idlePullMs?: number;
  now?: () => number;
  /** Longest text in one WeCom message. Default 600 characters (WeCom takes 2,048 bytes). */
  messageChars?: number;
}

/** What the console shows about a WeCom customer's messages. */
export interface WecomDeliveryState {
  window: BudgetState;
  held?: HeldState;
  /** For the agent, when messages wait: 「窗口已关闭，客户下次发消息时送达」. */
  notice?: string;
}

export const HELD_NOTICE = '窗口已关闭，客户下次发消息时送达';

export class WecomChannel {
  readonly adapter: WecomAdapter;
  private readonly log: Logger;
  private readonly outbox: WecomOutbox;
  private readonly puller: WecomPuller;
  private readonly budget: SendBudget;
  private readonly api: WecomApi;
  private turns?: TurnQueue;
  private inbox?: ConversationInbox;
  private halted = false;

  constructor(private readonly deps: WecomChannelDeps) {
    const { store, settings } = deps;
    this.log = deps.logger.child({ channel: 'wecom', instanceId: deps.instanceId });
    const api = (this.api = new WecomApi({
      baseUrl: settings.apiBase,
      corpId: settings.corpId,
      secret: settings.kfSecret,
      store,
      logger: this.log,
    }));
    this.budget = new SendBudget(store, deps.now);
    this.outbox = new WecomOutbox({
      store,
      api,
      openKfId: settings.openKfId,
      budget: this.budget,
      logger: this.log,
      sweepMs: deps.sweepMs,
    });
    this.adapter = new WecomAdapter({
      bot: deps.bot,
      store,
      logger: this.log,
      messageChars: deps.messageChars ?? 600,
      deliver: async (conversationId, bodies, replyToId) => {
        await this.outbox.append(conversationId, bodies, replyToId);
        this.outbox.kick(conversationId);
      },
    });
    this.puller = new WecomPuller({
      store,
      api,
      openKfId: settings.openKfId,
      instanceId: deps.instanceId,
      logger: this.log,
      accept: (m, resumed) => this.accept(m, resumed),
      idlePullMs: deps.idlePullMs,
    });
  }

  mount(server: Server): void {
    const s = this.deps.settings;
    mountCallbackRoutes(server, {
      keys: { token: s.token, encodingAesKey: s.encodingAesKey, receiveId: s.corpId },
      openKfId: s.openKfId,
      logger: this.log,
      onMessages: (token) => this.puller.request(token),
    });
  }

  start(): void {
    this.halted = false;
    this.turns = new TurnQueue(this.log);
    this.inbox = new ConversationInbox({
      name: 'wecom',
      store: this.deps.store,
      turns: this.turns,
      logOf: wecomLogId,
      logger: this.log,
      sweepMs: this.deps.sweepMs,
      runTurn: async (activity) => {
        const message = readInbound(activity as Record<string, unknown>);
        if (message) await this.adapter.processInbound(message);
        else this.log.warn('WeCom log entry is not a customer message; skipped');
      },
    });
    this.outbox.start();
    this.puller.start();
    this.log.info({ openKfId: this.deps.settings.openKfId }, 'WeCom channel started');
  }

  async stop(): Promise<void> {
    await this.puller.stop();
    this.inbox?.close();
    await this.turns?.drain();
    await this.outbox.stop();
    this.halted = true;
  }

  /** Resolves once no pull is running (tests). */
  pulled(): Promise<void> {
    return this.puller.idle();
  }

  /** A `wecom-media:<media_id>` reference, loaded with media/get (any instance can). */
  handles(ref: string): boolean {
    return ref.startsWith(WECOM_MEDIA_PREFIX) && ref.length > WECOM_MEDIA_PREFIX.length;
  }

  async fetchAttachment(ref: string): Promise<FetchedAttachment> {
    if (!this.handles(ref)) return { ok: false, status: 404, reason: 'not a WeCom media reference' };
    const mediaId = ref.slice(WECOM_MEDIA_PREFIX.length);
    try {
      const media = await this.api.media(mediaId);
      return {
        ok: true,
        file: {
          name: `wecom-${mediaId.slice(0, 16)}`,
          mediaType: media.contentType,
          size: media.body.length,
          toStream: async () => Readable.from([media.body]),
        },
      };
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      return { ok: false, status: 502, reason: `WeCom would not give this media (errcode ${err.errcode}; WeCom keeps media three days)` };
    }
  }

  async deliveryState(conversationId: string): Promise<WecomDeliveryState | undefined> {
    const user = externalUserOf(conversationId);
    if (!user) return undefined;
    const [window, held] = await Promise.all([this.budget.state(user), this.outbox.held(conversationId)]);
    return {
      window,
      ...(held ? { held, notice: held.reason === 'refused' ? `企业微信拒收了一条消息（${held.detail ?? ''}）` : HELD_NOTICE } : {}),
    };
  }

  private async isLogged(message: WecomInbound): Promise<boolean> {
    const entries = await this.deps.store.readActivities(wecomLogId(wecomConversationId(message.externalUserId)), -1);
    return entries.some((e) => e.activity.type === 'message' && e.activity.id === message.msgid);
  }

  /** The customer wrote: into the log, the window opens again, the turn is queued, held messages go out. */
  private async accept(message: WecomInbound, resumed: boolean): Promise<void> {
    const conversationId = wecomConversationId(message.externalUserId);
    const { store } = this.deps;
    const retrying = (step: () => Promise<unknown>) =>
      runRetryingWhileStoreUnavailable(async () => void (await step()), { logger: this.log, conversationId, stopped: () => this.halted });
    await retrying(async () => {
      if (!resumed || !(await this.isLogged(message))) await store.appendActivity(wecomLogId(conversationId), { ...inboundEntry(message) });
    });
    await retrying(() => this.budget.opened(message.externalUserId, message.sentAt, message.msgid));
    await retrying(() => this.inbox?.accept(conversationId) ?? Promise.resolve());
    this.inbox?.kick(conversationId);
    this.outbox.kick(conversationId);
  }
}
