import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import type { CustomerScript } from '../helpers/customerScript';

/**
 * Web chat customers over plain HTTP (Direct Line: tokens/generate → conversations → post and
 * poll activities), recording every request, every acknowledged message and every receipt,
 * so a chaos run can count what was lost. A customer who is told 503 waits a moment and sends
 * the same message again, as a Web Chat user does with 「重试」.
 */

/** A request slower than this counts as a hang. */
export const HANG_MS = 2000;
const TICKET_IN_TEXT = new RegExp(TICKET_ID_PATTERN.source.replace(/^\^|\$$/g, ''));

export interface RequestRecord {
  kind: string;
  status: number | 'hang' | 'network';
  at: number;
  ms: number;
}

export class Ledger {
  readonly requests: RequestRecord[] = [];
  /** Messages the endpoint answered 200 for. */
  readonly acknowledged: { conversationId: string; activityId: string; text: string }[] = [];
  readonly receipts: { conversationId: string; ticketId: string }[] = [];
  /** 503 bodies seen, to check the customer wording. */
  readonly unavailableMessages = new Set<string>();

  async call(
    kind: string,
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: unknown; setCookie: string[] } | undefined> {
    const at = Date.now();
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HANG_MS) });
      const text = await res.text();
      const body = text ? JSON.parse(text) : undefined;
      this.requests.push({ kind, status: res.status, at, ms: Date.now() - at });
      if (res.status === 503 && kind !== 'healthz')
        this.unavailableMessages.add(String((body as { error?: { message?: string } })?.error?.message));
      return { status: res.status, body, setCookie: res.headers.getSetCookie() };
    } catch (err) {
      const hang = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      this.requests.push({ kind, status: hang ? 'hang' : 'network', at, ms: Date.now() - at });
      return undefined;
    }
  }
}

export interface Activity {
  id: string;
  type: string;
  replyToId?: string;
  text?: string;
  from?: { id?: string; role?: string };
  channelData?: { receipt?: { ticketId?: string } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class WebCustomer {
  private token = '';
  private conversationId = '';
  private watermark = '0';
  /** Who the server says this customer is, and the cookie that keeps it so across conversations. */
  private userId = '';
  private cookie = '';

  constructor(
    /** The instance this customer talks to; any instance on the same store serves the conversation. */
    public base: string,
    private readonly ledger: Ledger,
    private readonly running: () => boolean,
  ) {}

  private headers(): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${this.token}` };
  }

  /** Keeps filing complaints, one conversation each, until running() turns false. */
  async run(script: CustomerScript): Promise<void> {
    while (this.running()) {
      if (!(await this.open())) continue;
      await this.complain(script);
    }
  }

  /** Starts a conversation (token, then POST /conversations); false when refused. */
  async open(): Promise<boolean> {
    const dl = `${this.base}/v3/directline`;
    const issued = await this.ledger.call('token', `${dl}/tokens/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: '{}',
    });
    if (issued?.status !== 200) return this.pause(false);
    this.token = (issued.body as { token: string }).token;
    this.userId = JSON.parse(Buffer.from(this.token.split('.')[1], 'base64url').toString('utf8')).user;
    this.cookie = issued.setCookie.find((c) => c.startsWith('cd_customer='))?.split(';')[0] ?? this.cookie;
    const started = await this.ledger.call('start', `${dl}/conversations`, { method: 'POST', headers: this.headers(), body: '{}' });
    if (started?.status !== 200 && started?.status !== 201) return this.pause(false);
    const session = started.body as { token: string; conversationId: string };
    this.token = session.token;
    this.conversationId = session.conversationId;
    this.watermark = '0';
    return true;
  }

  private async pause<T>(value: T): Promise<T> {
    await sleep(300);
    return value;
  }

  private async complain(script: CustomerScript): Promise<void> {
    await this.replies(); // the greeting
    let message = script.opening;
    for (let turn = 0; turn < 10 && this.running(); turn += 1) {
      while (this.running() && !(await this.say(message))) await sleep(300);
      const replies = await this.replies();
      const receipt = replies.find((a) => a.channelData?.receipt?.ticketId || TICKET_IN_TEXT.test(a.text ?? ''));
      if (receipt) {
        const ticketId = receipt.channelData?.receipt?.ticketId ?? (receipt.text ?? '').match(TICKET_IN_TEXT)![0];
        this.ledger.receipts.push({ conversationId: this.conversationId, ticketId });
        return;
      }
      const last = replies[replies.length - 1]?.text ?? '';
      message = /对，就是这样|确认|对吗|没问题吧|是否/.test(last) ? '对，就是这样' : script.facts;
    }
  }

  /** One message; true once the endpoint acknowledged it (200). */
  async say(text: string): Promise<boolean> {
    const res = await this.ledger.call('post', `${this.base}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ type: 'message', from: { id: this.userId }, text, locale: 'zh-CN' }),
    });
    if (res?.status !== 200) return false;
    this.ledger.acknowledged.push({ conversationId: this.conversationId, activityId: (res.body as { id: string }).id, text });
    return true;
  }

  /** The whole conversation log as the server has it now (every activity, both sides). */
  async transcript(): Promise<Activity[] | undefined> {
    const res = await this.ledger.call('poll', `${this.base}/v3/directline/conversations/${this.conversationId}/activities?watermark=0`, {
      headers: this.headers(),
    });
    return res?.status === 200 ? (res.body as { activities: Activity[] }).activities : undefined;
  }

  /** The bot's messages since the last call, once it has gone quiet (or after 10 s without any). */
  private async replies(): Promise<Activity[]> {
    const got: Activity[] = [];
    const started = Date.now();
    let quietSince = Date.now();
    while (this.running() && Date.now() - started < 10_000) {
      const res = await this.ledger.call(
        'poll',
        `${this.base}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
        {
          headers: this.headers(),
        },
      );
      if (res?.status === 200) {
        const set = res.body as { activities: Activity[]; watermark: string };
        this.watermark = set.watermark;
        const fromBot = set.activities.filter((a) => a.type === 'message' && a.from?.id !== this.userId);
        if (fromBot.length) {
          got.push(...fromBot);
          quietSince = Date.now();
        }
      }
      if (got.length && Date.now() - quietSince > 500) break;
      await sleep(150);
    }
    return got;
  }
}
