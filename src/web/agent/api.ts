import type { ChannelInfo } from './format';
import {
  toAssist,
  toCaseDetail,
  toCaseList,
  toEarlierCase,
  toHistory,
  toProblems,
  toQuickReplies,
  type Assist,
  type CaseDetail,
  type CaseStatus,
  type CaseSummary,
  type EarlierCase,
  type HistoryCase,
  type QuickReplyItem,
  type Session,
  type StaffRole,
  type WordingProblem,
} from './model';

/** A failed call, with a message fit to show an agent as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Polite Chinese for what went wrong; the server's own reasons are English and for the logs. */
export function politeMessage(status: number, code?: string): string {
  switch (code) {
    case 'NotOwner':
      return '这张工单不在您名下，接单后才能操作。';
    case 'UnknownStaff':
      return '没有找到这位同事，请核对用户名。';
    case 'NotActive':
      return '这张工单当前不在人工处理中，无法发送消息。';
    case 'DeliveryFailed':
      return '消息没有送达客户（客户的聊天渠道暂时连不上），请稍后重试。';
    case 'NoSuchValue':
      return '客户没有提供这项信息。';
    case 'Busy':
      return '这张工单正被其他同事操作，请稍后重试。';
    case 'ChannelUnavailable':
      return '客户所在的渠道暂时取不到附件（例如微信没有登录），请稍后再查看。';
    case 'AttachmentUnavailable':
      return '渠道没能取回这个附件（可能已过期），可请客户重新发送。';
    case 'AttachmentNotStored':
      return '这个附件没有可打开的文件（网页渠道暂不支持上传），可请客户用文字描述，或改用微信发送。';
    case 'NoSuchAttachment':
      return '没有找到这个附件。';
    default:
      break;
  }
  switch (status) {
    case 0:
      return '网络连接不稳定，请检查网络后重试。';
    case 400:
    case 422:
      return '提交的内容不完整或格式不对，请检查后再试。';
    case 401:
      return '登录已过期，请重新登录。';
    case 403:
      return '抱歉，您没有权限进行这项操作。';
    case 404:
      return '这张工单已不在您的工作台上，可能已由其他同事接手、退回机器人或已处理。';
    case 409:
      return '工单状态刚刚发生了变化（可能已由其他同事处理），页面已为您刷新。';
    case 413:
      return '内容太长了，请精简后再发送。';
    case 429:
      return '操作有点频繁，请稍等片刻再试。';
    default:
      return status >= 500 ? '服务暂时出了点问题，请稍后再试。' : '操作没有成功，请稍后再试。';
  }
}

const SESSION_KEY = 'complaint-desk.agent.session';

/** The staff token lives only as long as the browser tab (sessionStorage), never in localStorage. */
export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    const s = raw ? (JSON.parse(raw) as Partial<Session>) : undefined;
    return s && typeof s.token === 'string' && typeof s.username === 'string' ? (s as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

async function errorOf(res: Response): Promise<ApiError> {
  let code: string | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: string }; code?: string };
    code = body.error?.code ?? body.code;
  } catch {
    /* not JSON: the status says enough */
  }
  return new ApiError(res.status, code, politeMessage(res.status, code));
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, undefined, politeMessage(0));
  }
}

async function bodyOf(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const res = await send('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status === 401 || res.status === 403) throw new ApiError(res.status, undefined, '用户名或密码不正确，请重新输入。');
  if (res.status === 429) throw new ApiError(429, undefined, '登录尝试次数过多，请稍后再试。');
  if (!res.ok) throw await errorOf(res);
  const body = ((await bodyOf(res)) ?? {}) as {
    token?: string;
    role?: StaffRole;
    username?: string;
    agentNo?: string;
    user?: { username?: string; role?: StaffRole; agentNo?: string };
  };
  const token = body.token;
  if (!token) throw new ApiError(500, undefined, politeMessage(500));
  return {
    token,
    role: body.role ?? body.user?.role ?? 'agent',
    username: body.username ?? body.user?.username ?? username.trim().toLowerCase(),
    agentNo: body.agentNo ?? body.user?.agentNo,
  };
}

/** How long a logout waits for the server before the page lets the person go anyway. */
const LOGOUT_WAIT_MS = 5000;

/**
 * Ends the token on the server (POST /api/auth/logout), so a copy of it (a shared computer, a
 * leaked log) no longer works. True when the server confirmed: 204, or 401 (already ended).
 */
export async function logout(token: string): Promise<boolean> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), LOGOUT_WAIT_MS);
  try {
    const res = await send('/api/auth/logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: abort.signal,
    });
    return res.status === 204 || res.status === 401;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The desk's channels (GET /api/channels); undefined when the token has ended (401), else throws. */
export async function loadChannels(token: string): Promise<ChannelInfo[] | undefined> {
  const res = await send('/api/channels', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (res.status === 401) return undefined;
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as ChannelInfo[];
}

/** The staff API with the session's token; any 401 ends the session. */
export class Api {
  constructor(
    protected readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {}

  /** Any staff call; the supervisor view adds its own endpoints on top. */
  protected async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.session.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    if (res.status === 401) {
      this.onUnauthorized();
      throw await errorOf(res);
    }
    if (!res.ok) throw await errorOf(res);
    return bodyOf(res);
  }

  /** The cases in one status; `category` and `escalated` narrow the list on the server. */
  async cases(status: CaseStatus, filter: { category?: string; escalated?: boolean } = {}): Promise<CaseSummary[]> {
    const query = new URLSearchParams({ status });
    if (filter.category) query.set('category', filter.category);
    if (filter.escalated !== undefined) query.set('escalated', String(filter.escalated));
    return toCaseList(await this.call('GET', `/api/cases?${query.toString()}`));
  }

  async caseDetail(id: string): Promise<CaseDetail> {
    const detail = toCaseDetail(await this.call('GET', `/api/cases/${encodeURIComponent(id)}`));
    if (!detail) throw new ApiError(500, undefined, politeMessage(500));
    return detail;
  }

  async quickReplies(q: string, signal?: AbortSignal): Promise<QuickReplyItem[]> {
    const raw = await this.call('GET', `/api/quick-replies${q ? `?q=${encodeURIComponent(q)}` : ''}`, undefined, signal);
    return toQuickReplies(raw);
  }

  async renderQuickReply(caseId: string, replyId: string): Promise<string> {
    const raw = (await this.call(
      'POST',
      `/api/cases/${encodeURIComponent(caseId)}/quick-replies/${encodeURIComponent(replyId)}/render`,
    )) as { text?: unknown };
    return typeof raw?.text === 'string' ? raw.text : '';
  }

  /** 在线 / 忙碌 / 离开: only 在线 agents are offered cases. */
  async presence(): Promise<string> {
    const raw = (await this.call('GET', '/api/me/presence')) as { status?: unknown };
    return typeof raw?.status === 'string' ? raw.status : 'online';
  }

  async setPresence(status: string): Promise<void> {
    await this.call('PUT', '/api/me/presence', { status });
  }

  /** A WeCom case: can the customer be written to now (48 h / 5 messages), and what waits for them. */
  async wecomDelivery(id: string): Promise<{ open: boolean; remaining?: number; notice?: string }> {
    const body = (await this.call('GET', `/api/wecom/cases/${encodeURIComponent(id)}/delivery`)) as
      { window?: { open?: unknown; remaining?: unknown }; notice?: unknown } | undefined;
    return {
      open: body?.window?.open === true,
      ...(typeof body?.window?.remaining === 'number' ? { remaining: body.window.remaining } : {}),
      ...(typeof body?.notice === 'string' ? { notice: body.notice } : {}),
    };
  }

  async history(id: string): Promise<HistoryCase[]> {
    return toHistory(await this.call('GET', `/api/cases/${encodeURIComponent(id)}/history`));
  }

  /** One case of that history, read-only; the server lets it be read only through the case `id`. */
  async earlierCase(id: string, earlierId: string): Promise<EarlierCase> {
    const earlier = toEarlierCase(await this.call('GET', `/api/cases/${encodeURIComponent(id)}/history/${encodeURIComponent(earlierId)}`));
    if (!earlier) throw new ApiError(500, undefined, politeMessage(500));
    return earlier;
  }

  async assist(id: string): Promise<Assist> {
    return toAssist(await this.call('GET', `/api/cases/${encodeURIComponent(id)}/assist`));
  }

  async check(text: string, signal?: AbortSignal): Promise<WordingProblem[]> {
    return toProblems(await this.call('POST', '/api/assist/check', { text }, signal), text);
  }

  async action(
    id: string,
    action: 'claim' | 'release' | 'transfer' | 'resolve' | 'messages',
    body: Record<string, unknown> = {},
  ): Promise<unknown> {
    return this.call('POST', `/api/cases/${encodeURIComponent(id)}/${action}`, body);
  }

  /** «The agent is typing» for the customer's chat (204; the server coalesces and skips WeChat). */
  async typing(id: string): Promise<void> {
    await this.call('POST', `/api/cases/${encodeURIComponent(id)}/typing`);
  }

  /**
   * Loads one thing the customer sent (the server records who looked): the file itself, or the
   * address of a link. The token goes in the header, so the file comes as a blob, not a link.
   */
  async attachment(id: string, index: number): Promise<{ blob: Blob; name?: string } | { url: string }> {
    const path = `/api/cases/${encodeURIComponent(id)}/attachments/${index}`;
    const res = await send(path, { method: 'GET', headers: { Authorization: `Bearer ${this.session.token}`, Accept: '*/*' } });
    if (res.status === 401) {
      this.onUnauthorized();
      throw await errorOf(res);
    }
    if (!res.ok) throw await errorOf(res);
    const type = (res.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/json') {
      const body = (await bodyOf(res)) as { url?: unknown } | undefined;
      if (body && typeof body.url === 'string' && /^https?:\/\//i.test(body.url)) return { url: body.url };
      throw new ApiError(500, undefined, politeMessage(500));
    }
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    let name: string | undefined;
    try {
      name = named ? decodeURIComponent(named[1]) : undefined;
    } catch {
      name = undefined;
    }
    const data = await res.blob();
    return { blob: new Blob([data], { type: type || 'application/octet-stream' }), name };
  }

  /** Reveals one masked value; the server records who looked. */
  async reveal(id: string, field: string): Promise<string> {
    const body = await this.call('POST', `/api/cases/${encodeURIComponent(id)}/reveal`, { field });
    if (typeof body === 'string') return body;
    const b = (body ?? {}) as { value?: unknown; [k: string]: unknown };
    const value = b.value ?? b[field];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new ApiError(500, undefined, politeMessage(500));
  }
}
