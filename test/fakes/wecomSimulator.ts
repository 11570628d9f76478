import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptMessage, signatureOf, type CallbackKeys } from '../../src/channels/wecom/callbackCrypto';
import { writeFlatXml } from '../../src/channels/wecom/callbackXml';

/**
 * A WeCom customer-service (微信客服) server for tests, speaking the documented API over HTTP:
 * gettoken, kf/sync_msg (cursor, has_more), kf/send_msg (the 48-hour / 5-message rule, refused
 * with an errcode as WeCom does), kf/service_state/get|trans, media/get. Its client side plays
 * the customer: a message is added to the account's message list and a callback, encrypted and
 * signed like WeCom's, is posted to the service.
 */

export interface SimulatorAccount {
  corpId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  openKfId: string;
}

export function testAccount(): SimulatorAccount {
  return {
    corpId: 'wwsimcorp0001',
    secret: 'sim-kf-secret-0123456789',
    token: 'SimToken42',
    encodingAesKey: randomBytes(32)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'A')
      .slice(0, 43),
    openKfId: 'wkSimKf0001',
  };
}

/** The settings a desk needs to talk to this simulator. */
export function wecomEnv(account: SimulatorAccount, apiBase: string): Record<string, string> {
  return {
    WECOM_CORP_ID: account.corpId,
    WECOM_KF_SECRET: account.secret,
    WECOM_TOKEN: account.token,
    WECOM_ENCODING_AES_KEY: account.encodingAesKey,
    WECOM_OPEN_KFID: account.openKfId,
    WECOM_API_BASE: apiBase,
  };
}

export interface SentMessage {
  touser: string;
  msgtype: string;
  /** The text a customer reads: the text, or the menu's head and items. */
  text: string;
  menu?: { id: string; content: string }[];
  at: number;
}

const WINDOW_MS = 48 * 3600 * 1000;
export const ERR_WINDOW_CLOSED = 45015;
export const ERR_OVER_LIMIT = 95001;

export class WecomSimulator {
  readonly keys: CallbackKeys;
  /** Every message of the account, in order: a sync_msg cursor is a position in it. */
  readonly messages: Record<string, unknown>[] = [];
  readonly sent: SentMessage[] = [];
  readonly refusals: { touser: string; errcode: number }[] = [];
  readonly stateChanges: { user: string; state: number }[] = [];
  readonly syncCalls: { cursor?: string; token?: string }[] = [];
  tokensIssued = 0;
  /** Page size of sync_msg, small to make has_more happen. */
  pageSize = 2;
  private clockOffset = 0;
  private readonly tokens = new Map<string, number>();
  private readonly lastCustomerAt = new Map<string, number>();
  private readonly sentInWindow = new Map<string, number>();
  private readonly states = new Map<string, number>();
  private readonly callbackTokens: string[] = [];
  private server?: Server;

  constructor(readonly account: SimulatorAccount = testAccount()) {
    this.keys = { token: account.token, encodingAesKey: account.encodingAesKey, receiveId: account.corpId };
  }

  now(): number {
    return Date.now() + this.clockOffset;
  }

  /** Moves WeCom's clock (and, through `now`, the desk's) forward. */
  advance(ms: number): void {
    this.clockOffset += ms;
  }

  /** Every access token issued so far stops working (as after 7,200 s). */
  expireTokens(): void {
    this.tokens.clear();
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cgi-bin`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  sentTo(user: string): SentMessage[] {
    return this.sent.filter((m) => m.touser === user);
  }

  // ------------------------------------------------------------------ the customer's side

  /** The customer writes (or clicks a menu item); returns the msgid. */
  customerSays(user: string, text: string, menuId?: string): string {
    const msgid = `sim-${randomUUID()}`;
    const at = this.now();
    this.lastCustomerAt.set(user, at);
    this.sentInWindow.set(user, 0);
    this.messages.push({
      msgid,
      open_kfid: this.account.openKfId,
      external_userid: user,
      send_time: Math.floor(at / 1000),
      origin: 3,
      msgtype: 'text',
      text: { content: text, ...(menuId ? { menu_id: menuId } : {}) },
    });
    return msgid;
  }

  /** Someone else (the WeCom app, another system) used up the customer's five messages. */
  spendWindow(user: string): void {
    this.sentInWindow.set(user, 5);
  }

  /** The customer sends a picture (media/get gives its bytes back). */
  customerSendsImage(user: string, mediaId: string): string {
    const msgid = `sim-${randomUUID()}`;
    const at = this.now();
    this.lastCustomerAt.set(user, at);
    this.sentInWindow.set(user, 0);
    this.messages.push({
      msgid,
      open_kfid: this.account.openKfId,
      external_userid: user,
      send_time: Math.floor(at / 1000),
      origin: 3,
      msgtype: 'image',
      image: { media_id: mediaId },
    });
    return msgid;
  }

  customerEnters(user: string, sceneParam: string): void {
    this.messages.push({
      msgid: `sim-${randomUUID()}`,
      send_time: Math.floor(this.now() / 1000),
      origin: 4,
      msgtype: 'event',
      event: {
        event_type: 'enter_session',
        open_kfid: this.account.openKfId,
        external_userid: user,
        scene: 'sim',
        scene_param: sceneParam,
      },
    });
  }

  /** The event callback WeCom posts after new messages: encrypted, signed. */
  async notify(serviceUrl: string, overrides: { signature?: string } = {}): Promise<{ status: number; body: string }> {
    const token = `cbtoken-${randomUUID()}`;
    this.callbackTokens.push(token);
    const event = writeFlatXml({
      ToUserName: this.account.corpId,
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: token,
      OpenKfId: this.account.openKfId,
    });
    return this.postEncrypted(serviceUrl, event, overrides);
  }

  async postEncrypted(
    serviceUrl: string,
    plainXml: string,
    overrides: { signature?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const encrypt = encryptMessage(this.keys, plainXml);
    const { timestamp, nonce, signature } = this.sign(encrypt);
    const body = writeFlatXml({ ToUserName: this.account.corpId, Encrypt: encrypt, AgentID: '' });
    const url = `${serviceUrl}?msg_signature=${overrides.signature ?? signature}&timestamp=${timestamp}&nonce=${nonce}`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    return { status: res.status, body: await res.text() };
  }

  /** The URL check WeCom makes when the callback is configured. */
  async verify(serviceUrl: string, echo: string, options: { unescaped?: boolean } = {}): Promise<{ status: number; body: string }> {
    const encrypt = encryptMessage(this.keys, echo);
    const { timestamp, nonce, signature } = this.sign(encrypt);
    const echostr = options.unescaped ? encrypt.replace(/\//g, '%2F').replace(/=/g, '%3D') : encodeURIComponent(encrypt);
    const res = await fetch(`${serviceUrl}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${echostr}`);
    return { status: res.status, body: await res.text() };
  }

  sign(encrypt: string): { timestamp: string; nonce: string; signature: string } {
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = randomUUID().slice(0, 10);
    return { timestamp, nonce, signature: signatureOf(this.keys.token, timestamp, nonce, encrypt) };
  }

  // ------------------------------------------------------------------ the API

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const api = url.pathname.replace(/^\/cgi-bin\//, '');
    const answer = (body: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', ...body }));
    };
    if (api === 'gettoken') {
      if (url.searchParams.get('corpid') !== this.account.corpId || url.searchParams.get('corpsecret') !== this.account.secret)
        return answer({ errcode: 40001, errmsg: 'invalid credential' });
      const token = `simtoken-${++this.tokensIssued}-${randomUUID()}`;
      this.tokens.set(token, this.now() + 7200 * 1000);
      return answer({ access_token: token, expires_in: 7200 });
    }
    const token = url.searchParams.get('access_token') ?? '';
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return answer({ errcode: 40014, errmsg: 'invalid access_token' });
    if (expiresAt <= this.now()) return answer({ errcode: 42001, errmsg: 'access_token expired' });
    if (api === 'media/get') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.from(`media ${url.searchParams.get('media_id')}`));
      return;
    }
    const body = JSON.parse((await readAll(req)) || '{}') as Record<string, unknown>;
    switch (api) {
      case 'kf/sync_msg':
        return answer(this.syncMsg(body));
      case 'kf/send_msg':
        return answer(this.sendMsg(body));
      case 'kf/service_state/get':
        return answer({ service_state: this.states.get(String(body.external_userid)) ?? 0, servicer_userid: '' });
      case 'kf/service_state/trans': {
        const user = String(body.external_userid);
        const state = Number(body.service_state);
        if (!(state >= 0 && state <= 4)) return answer({ errcode: 95016, errmsg: 'invalid service_state' });
        this.states.set(user, state);
        this.stateChanges.push({ user, state });
        return answer({});
      }
      default:
        return answer({ errcode: 404, errmsg: `no such api ${api}` });
    }
  }

  private syncMsg(body: Record<string, unknown>): Record<string, unknown> {
    const cursor = typeof body.cursor === 'string' ? body.cursor : undefined;
    this.syncCalls.push({ cursor, token: typeof body.token === 'string' ? body.token : undefined });
    if (body.open_kfid !== this.account.openKfId) return { errcode: 95000, errmsg: 'invalid open_kfid' };
    const from = cursor ? Number(cursor.replace(/^c/, '')) : 0;
    if (!Number.isInteger(from) || from < 0 || from > this.messages.length) return { errcode: 40058, errmsg: 'invalid cursor' };
    const limit = Math.min(this.pageSize, Number(body.limit ?? 1000));
    const page = this.messages.slice(from, from + limit);
    const next = from + page.length;
    return { next_cursor: `c${next}`, has_more: next < this.messages.length ? 1 : 0, msg_list: page };
  }

  private sendMsg(body: Record<string, unknown>): Record<string, unknown> {
    const user = String(body.touser);
    const last = this.lastCustomerAt.get(user);
    const refuse = (errcode: number, errmsg: string) => {
      this.refusals.push({ touser: user, errcode });
      return { errcode, errmsg };
    };
    if (body.open_kfid !== this.account.openKfId) return refuse(95000, 'invalid open_kfid');
    if (last === undefined || this.now() - last > WINDOW_MS) return refuse(ERR_WINDOW_CLOSED, 'response out of time limit');
    const used = this.sentInWindow.get(user) ?? 0;
    if (used >= 5) return refuse(ERR_OVER_LIMIT, 'send msg count limit reached, wait for the customer');
    let text: string;
    let menu: SentMessage['menu'];
    if (body.msgtype === 'text') text = String((body.text as { content?: string })?.content ?? '');
    else if (body.msgtype === 'msgmenu') {
      const m = body.msgmenu as { head_content?: string; list: { click: { id: string; content: string } }[]; tail_content?: string };
      menu = m.list.map((i) => i.click);
      text = [m.head_content, ...menu.map((i) => `[${i.content}]`), m.tail_content].filter(Boolean).join('\n');
    } else return refuse(40008, 'invalid msgtype');
    this.sentInWindow.set(user, used + 1);
    this.sent.push({ touser: user, msgtype: String(body.msgtype), text, ...(menu ? { menu } : {}), at: this.now() });
    return { msgid: `sent-${randomUUID()}` };
  }
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
