import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';
import { isStoreUnavailable } from '../../store/storeUnavailable';
import { SendBudget } from './sendBudget';
import { WecomApiError, type KfOutbound, type ServiceState, type WecomApi } from './wecomApi';
import { externalUserOf, outboundEntry, outboundOf, wecomLogId, type OutboundBody } from './wecomLog';

/**
 * WeCom's durable outbound side. A reply (the bot's, an agent's, a notice; from any instance) is
 * in the conversation's log and the conversation marked (`wecom-outbox`) before `append`
 * returns. A sender, one per conversation at a time (a lease in the store), goes through the
 * entries after the conversation's cursor in order, and sends each only while the customer's
 * 48-hour / 5-message budget allows. When it does not, the entry waits in the log, the
 * conversation is marked held (`wecom-held`, what the console shows) and the customer's next
 * message (a new window) sends it. Nothing is dropped: an entry WeCom refuses for good is
 * logged as an error and recorded on the held mark before the cursor passes it.
 */

const PENDING_KIND = 'wecom-outbox';
const CURSOR_KIND = 'wecom-outbox-cursor';
export const HELD_KIND = 'wecom-held';
const TTL_SECONDS = 8 * 24 * 3600;
/**
 * WeCom says the customer cannot be written to now: 95001, the messages of the window are used up
 * (as WeCom's documentation lists it); 45015, out of the time limit (WeChat's code for a closed
 * window; WeCom's own for the 48 hours is not documented as clearly), 45047 over a send limit.
 */
export const WINDOW_ERRCODES = new Set([95001, 45015, 45047]);
/** Errors worth trying again later (system busy, network, timeouts, frequency limits). */
const TRANSIENT_ERRCODES = new Set([-1, 45009, 45033]);

export const heldSchema = z.object({
  reason: z.enum(['window-closed', 'budget-spent', 'never-opened', 'refused']),
  since: z.string(),
  waiting: z.number().int().nonnegative(),
  detail: z.string().optional(),
});
export type HeldState = z.infer<typeof heldSchema>;

export interface WecomOutboxOptions {
  store: Store;
  api: WecomApi;
  openKfId: string;
  budget: SendBudget;
  logger: Logger;
  sweepMs?: number;
  leaseMs?: number;
}

export class WecomOutbox {
  private readonly owner = `wecom-send-${randomUUID()}`;
  private readonly running = new Map<string, { again: boolean }>();
  private readonly inflight = new Set<Promise<void>>();
  private sweepTimer?: NodeJS.Timeout;
  private stopped = true;

  constructor(private readonly o: WecomOutboxOptions) {}

  async append(conversationId: string, bodies: OutboundBody[], replyToId?: string): Promise<void> {
    if (!externalUserOf(conversationId)) throw new Error(`not a WeCom conversation: ${conversationId}`);
    const log = wecomLogId(conversationId);
    for (const body of bodies) await this.o.store.appendActivity(log, { ...outboundEntry(body, replyToId) });
    await this.o.store.putRecord(PENDING_KIND, conversationId, { at: Date.now() }, TTL_SECONDS);
  }

  start(): void {
    this.stopped = false;
    this.sweepTimer = setInterval(() => void this.sweep(), this.o.sweepMs ?? 1000);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    await Promise.allSettled([...this.inflight]);
  }

  /** What waits for the customer's next message, if anything (for the console). */
  async held(conversationId: string): Promise<HeldState | undefined> {
    const parsed = heldSchema.safeParse(await this.o.store.getRecord(HELD_KIND, conversationId));
    return parsed.success ? parsed.data : undefined;
  }

  kick(conversationId: string): void {
    if (this.stopped) return;
    const state = this.running.get(conversationId);
    if (state) {
      state.again = true;
      return;
    }
    const run = { again: false };
    this.running.set(conversationId, run);
    const work = (async () => {
      try {
        do {
          run.again = false;
          await this.drain(conversationId);
        } while (run.again && !this.stopped);
      } catch (err) {
        if (!isStoreUnavailable(err)) this.o.logger.warn({ err, conversationId }, 'WeCom outbox: drain failed; the sweep tries again');
      } finally {
        this.running.delete(conversationId);
      }
    })();
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const { id } of await this.o.store.listRecords(PENDING_KIND)) this.kick(id);
    } catch (err) {
      if (!isStoreUnavailable(err)) this.o.logger.warn({ err }, 'WeCom outbox: sweep failed');
    }
  }

  private async drain(conversationId: string): Promise<void> {
    const { store, budget } = this.o;
    const user = externalUserOf(conversationId);
    if (!user) {
      await store.deleteRecord(PENDING_KIND, conversationId);
      return;
    }
    const lease = `wecom-send:${conversationId}`;
    if (!(await store.acquireLease(lease, this.owner, this.o.leaseMs ?? 15_000))) return;
    try {
      const cursor = (await store.getRecord<{ watermark: number }>(CURSOR_KIND, conversationId))?.watermark ?? -1;
      const waiting = outboundOf(await store.readActivities(wecomLogId(conversationId), cursor));
      for (const [i, { watermark, body }] of waiting.entries()) {
        if (this.stopped) return;
        if ('serviceState' in body) {
          await this.changeState(user, body.serviceState as ServiceState);
        } else {
          const allowance = await budget.state(user);
          if (!allowance.open) {
            await this.hold(conversationId, allowance.reason, waiting.length - i);
            return;
          }
          const outcome = await this.send(user, body);
          if (outcome === 'retry') return;
          if (outcome === 'window') {
            await budget.exhaust(allowance.window);
            await this.hold(conversationId, 'budget-spent', waiting.length - i);
            return;
          }
          if (outcome === 'sent') await budget.spend(allowance.window);
          else await this.hold(conversationId, 'refused', 0, outcome.refused);
        }
        await store.putRecord(CURSOR_KIND, conversationId, { watermark }, TTL_SECONDS);
      }
      // All sent: clear the marks, then look once more for an append that raced the clearing.
      await store.deleteRecord(PENDING_KIND, conversationId);
      const heldNow = await this.held(conversationId);
      if (heldNow && heldNow.reason !== 'refused') await store.deleteRecord(HELD_KIND, conversationId);
      const last = waiting.length ? waiting[waiting.length - 1].watermark : cursor;
      if (outboundOf(await store.readActivities(wecomLogId(conversationId), last)).length) {
        await store.putRecord(PENDING_KIND, conversationId, { at: Date.now() }, TTL_SECONDS);
        this.running.get(conversationId)!.again = true;
      }
    } finally {
      await store.releaseLease(lease, this.owner).catch(() => undefined);
    }
  }

  private async send(
    user: string,
    body: { text: string; menu?: { id: string; content: string }[] },
  ): Promise<'sent' | 'retry' | 'window' | { refused: string }> {
    const message: KfOutbound = body.menu?.length
      ? {
          msgtype: 'msgmenu',
          msgmenu: { head_content: body.text, list: body.menu.map((m) => ({ type: 'click', click: { id: m.id, content: m.content } })) },
        }
      : { msgtype: 'text', text: { content: body.text } };
    try {
      await this.o.api.sendMessage(user, this.o.openKfId, message);
      return 'sent';
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      if (WINDOW_ERRCODES.has(err.errcode)) return 'window';
      if (TRANSIENT_ERRCODES.has(err.errcode) || err.errcode === 42001 || err.errcode === 40014) {
        this.o.logger.warn({ errcode: err.errcode, errmsg: err.errmsg }, 'WeCom send failed; trying again shortly');
        return 'retry';
      }
      this.o.logger.error({ errcode: err.errcode, errmsg: err.errmsg }, 'WeCom refused a message for good; recorded on the conversation');
      return { refused: `errcode ${err.errcode}` };
    }
  }

  /** Best effort: a service_state WeCom will not take (not allowed from the current one) is logged, the messages go on. */
  private async changeState(user: string, state: ServiceState): Promise<void> {
    try {
      await this.o.api.transServiceState(this.o.openKfId, user, state);
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      this.o.logger.warn({ errcode: err.errcode, errmsg: err.errmsg, state }, 'WeCom service_state not changed');
    }
  }

  private async hold(conversationId: string, reason: HeldState['reason'], waiting: number, detail?: string): Promise<void> {
    const current = await this.held(conversationId);
    const value: HeldState = { reason, since: current?.since ?? new Date().toISOString(), waiting, ...(detail ? { detail } : {}) };
    await this.o.store.putRecord(HELD_KIND, conversationId, value, TTL_SECONDS);
    if (reason !== 'refused')
      this.o.logger.info({ conversationId, reason, waiting }, 'WeCom messages held until the customer writes again');
  }
}
