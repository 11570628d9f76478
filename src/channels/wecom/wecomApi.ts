import { z } from 'zod';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';

/**
 * The WeCom customer-service API (微信客服) over fetch: gettoken, kf/sync_msg, kf/send_msg,
 * kf/service_state/get|trans, media/get. Every call has a timeout; an answer with errcode ≠ 0
 * becomes a WecomApiError carrying it. The access_token (valid 7,200 s) is kept in the store,
 * so every instance uses the same one, and fetched again when it runs out or WeCom calls it
 * invalid (40014) or expired (42001).
 */

export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`WeCom ${api} failed: errcode ${errcode} ${errmsg}`);
  }
}

/** The token is not valid (any more): fetch a new one and repeat the call once. */
const TOKEN_ERRCODES = new Set([40014, 42001]);
const TOKEN_KIND = 'wecom-access-token';
/** Refreshed this long before WeCom's own expiry, so a call never carries a token about to lapse. */
const TOKEN_MARGIN_SECONDS = 300;

export interface WecomApiOptions {
  baseUrl: string;
  corpId: string;
  secret: string;
  store: Store;
  logger: Logger;
  timeoutMs?: number;
}

const baseAnswer = z.object({ errcode: z.number().int().default(0), errmsg: z.string().default('') }).passthrough();
const tokenAnswer = z.object({ access_token: z.string().min(1).max(1024), expires_in: z.number().int().positive() });
const storedToken = z.object({ token: z.string().min(1), expiresAt: z.number() });

export const kfMessageSchema = z
  .object({
    msgid: z.string().min(1).max(256),
    open_kfid: z.string().max(128).optional(),
    external_userid: z.string().max(256).optional(),
    send_time: z.number().int().nonnegative(),
    origin: z.number().int(),
    servicer_userid: z.string().max(256).optional(),
    msgtype: z.string().min(1).max(64),
    text: z.object({ content: z.string().max(20_000), menu_id: z.string().max(256).optional() }).optional(),
    image: z.object({ media_id: z.string().max(512) }).optional(),
    voice: z.object({ media_id: z.string().max(512) }).optional(),
    video: z.object({ media_id: z.string().max(512) }).optional(),
    file: z.object({ media_id: z.string().max(512) }).optional(),
    location: z
      .object({
        name: z.string().max(500).optional(),
        address: z.string().max(1000).optional(),
        latitude: z.number().optional(),
        longitude: z.number().optional(),
      })
      .optional(),
    link: z
      .object({ title: z.string().max(1000).optional(), desc: z.string().max(2000).optional(), url: z.string().max(4000).optional() })
      .optional(),
    business_card: z.object({ userid: z.string().max(256) }).optional(),
    miniprogram: z
      .object({ title: z.string().max(1000).optional(), appid: z.string().max(256).optional(), pagepath: z.string().max(2000).optional() })
      .optional(),
    msgmenu: z.unknown().optional(),
    event: z
      .object({
        event_type: z.string().max(64),
        open_kfid: z.string().max(128).optional(),
        external_userid: z.string().max(256).optional(),
        scene: z.string().max(256).optional(),
        scene_param: z.string().max(1000).optional(),
        fail_msgid: z.string().max(256).optional(),
        fail_type: z.number().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type KfMessage = z.infer<typeof kfMessageSchema>;

const syncAnswer = z.object({
  next_cursor: z.string().max(256).default(''),
  has_more: z.union([z.number(), z.boolean()]).transform((v) => v === true || v === 1),
  msg_list: z.array(z.unknown()).max(1000),
});
export type SyncPage = { nextCursor: string; hasMore: boolean; messages: KfMessage[]; unreadable: number };

/** service_state: 0 未处理, 1 智能助手接待, 2 待接入池, 3 人工接待, 4 已结束. */
export const SERVICE_STATES = { untreated: 0, bot: 1, queued: 2, agent: 3, closed: 4 } as const;
export type ServiceState = (typeof SERVICE_STATES)[keyof typeof SERVICE_STATES];

export type KfOutbound =
  | { msgtype: 'text'; text: { content: string } }
  | {
      msgtype: 'msgmenu';
      msgmenu: { head_content?: string; list: { type: 'click'; click: { id: string; content: string } }[]; tail_content?: string };
    };

export class WecomApi {
  private readonly timeoutMs: number;

  constructor(private readonly o: WecomApiOptions) {
    this.timeoutMs = o.timeoutMs ?? 5000;
  }

  /** A valid access_token: the store's while it lasts, else a fresh one (then shared through the store). */
  async accessToken(forceFresh = false): Promise<string> {
    if (!forceFresh) {
      const stored = storedToken.safeParse(await this.o.store.getRecord(TOKEN_KIND, this.o.corpId));
      if (stored.success && stored.data.expiresAt > Date.now()) return stored.data.token;
    }
    const url = `${this.o.baseUrl}/gettoken?corpid=${encodeURIComponent(this.o.corpId)}&corpsecret=${encodeURIComponent(this.o.secret)}`;
    const answer = tokenAnswer.parse(await this.call('gettoken', url));
    const lifetime = Math.max(60, answer.expires_in - TOKEN_MARGIN_SECONDS);
    await this.o.store.putRecord(
      TOKEN_KIND,
      this.o.corpId,
      { token: answer.access_token, expiresAt: Date.now() + lifetime * 1000 },
      lifetime,
    );
    this.o.logger.info({ expiresIn: answer.expires_in }, 'WeCom access token fetched');
    return answer.access_token;
  }

  async syncMessages(input: { cursor?: string; token?: string; openKfId: string; limit?: number }): Promise<SyncPage> {
    const body = {
      ...(input.cursor ? { cursor: input.cursor } : {}),
      ...(input.token ? { token: input.token } : {}),
      limit: input.limit ?? 1000,
      open_kfid: input.openKfId,
    };
    const page = syncAnswer.parse(await this.post('kf/sync_msg', body));
    const messages: KfMessage[] = [];
    let unreadable = 0;
    for (const raw of page.msg_list) {
      const parsed = kfMessageSchema.safeParse(raw);
      if (parsed.success) messages.push(parsed.data);
      else unreadable++;
    }
    return { nextCursor: page.next_cursor, hasMore: page.has_more, messages, unreadable };
  }

  async sendMessage(toUser: string, openKfId: string, message: KfOutbound): Promise<string | undefined> {
    const answer = await this.post('kf/send_msg', { touser: toUser, open_kfid: openKfId, ...message });
    return typeof answer.msgid === 'string' ? answer.msgid : undefined;
  }

  async serviceState(openKfId: string, externalUserId: string): Promise<number> {
    const answer = await this.post('kf/service_state/get', { open_kfid: openKfId, external_userid: externalUserId });
    return z.number().int().parse(answer.service_state);
  }

  async transServiceState(openKfId: string, externalUserId: string, state: ServiceState, servicerUserId?: string): Promise<void> {
    await this.post('kf/service_state/trans', {
      open_kfid: openKfId,
      external_userid: externalUserId,
      service_state: state,
      ...(servicerUserId ? { servicer_userid: servicerUserId } : {}),
    });
  }

  /** A customer's image, voice, video or file by media_id (temporary media, kept three days by WeCom). */
  async media(mediaId: string): Promise<{ contentType: string; body: Buffer }> {
    return this.withToken('media/get', async (token) => {
      const res = await this.fetchWithTimeout(
        `${this.o.baseUrl}/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`,
        { method: 'GET' },
      );
      const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
      const body = Buffer.from(await res.arrayBuffer());
      // An error comes back as JSON instead of the file.
      if (contentType.includes('json')) this.checked('media/get', JSON.parse(body.toString('utf8')));
      return { contentType, body };
    });
  }

  private post(api: string, body: unknown): Promise<z.infer<typeof baseAnswer>> {
    return this.withToken(api, (token) => this.call(api, `${this.o.baseUrl}/${api}?access_token=${encodeURIComponent(token)}`, body));
  }

  private async withToken<T>(api: string, work: (token: string) => Promise<T>): Promise<T> {
    try {
      return await work(await this.accessToken());
    } catch (err) {
      if (!(err instanceof WecomApiError) || !TOKEN_ERRCODES.has(err.errcode)) throw err;
      this.o.logger.info({ api, errcode: err.errcode }, 'WeCom access token refused; fetching a new one');
      return work(await this.accessToken(true));
    }
  }

  private async call(api: string, url: string, body?: unknown): Promise<z.infer<typeof baseAnswer>> {
    const res = await this.fetchWithTimeout(
      url,
      body === undefined
        ? { method: 'GET' }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WecomApiError(-1, `HTTP ${res.status}, not JSON`, api);
    }
    return this.checked(api, json);
  }

  private checked(api: string, json: unknown): z.infer<typeof baseAnswer> {
    const answer = baseAnswer.safeParse(json);
    if (!answer.success) throw new WecomApiError(-1, 'unreadable answer', api);
    if (answer.data.errcode !== 0) throw new WecomApiError(answer.data.errcode, answer.data.errmsg.slice(0, 200), api);
    return answer.data;
  }

  private async fetchWithTimeout(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : 'network error';
      throw new WecomApiError(-1, reason, url.slice(this.o.baseUrl.length + 1).split('?')[0]);
    }
  }
}
