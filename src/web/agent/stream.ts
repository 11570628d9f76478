import { toStaffEvent, type StaffEvent } from './model';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface StreamHandlers {
  onEvent(event: StaffEvent): void;
  onState(state: StreamState): void;
  /**
   * Called when what the page shows must be fetched again: on the first connection, on a
   * reconnection the server could not catch up (its `resync` message, or no event seen yet to
   * resume from), every third failed attempt, and when the server ends the session (4001), so
   * that the API's 401 leads back to login.
   */
  onResync(): void;
}

/** The server closes with this when the token expired or the session ended. */
const SESSION_ENDED = 4001;
/** What the server accepts as `since` (anything else would be refused with 400 on every attempt). */
const STREAM_ID = /^\d{1,20}-\d{1,20}$/;
/** A connection attempt that neither opens nor fails (a stuck proxy) is given up after this. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The live feed `/api/stream`, kept open: after a drop it reconnects with a growing, jittered
 * wait (1 s … 20 s) and `?since=` the last streamId received, so the server replays what was
 * missed; only when it cannot does the page fetch everything again. The token goes
 * as the subprotocol pair `bearer, <token>` (kept out of URLs and access logs); `?token=` is
 * the fallback should a browser refuse it.
 */
export class LiveStream {
  private socket?: WebSocket;
  private timer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private attempts = 0;
  private stopped = false;
  /** The streamId of the last event received: where the next connection resumes. */
  private lastStreamId?: string;

  constructor(
    private readonly token: string,
    private readonly handlers: StreamHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
    window.addEventListener('online', this.reconnectNow);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    clearTimeout(this.timer);
    clearTimeout(this.connectTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'bye');
  }

  private readonly reconnectNow = (): void => {
    // Back online: try now rather than at the end of a long back-off.
    if (this.stopped || this.socket) return;
    clearTimeout(this.timer);
    this.connect();
  };

  private connect(): void {
    const previous = this.socket;
    this.socket = undefined;
    previous?.close();
    const since = this.lastStreamId;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/stream`;
    this.handlers.onState(this.attempts === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(url + streamQuery({ since }), ['bearer', this.token]);
    } catch {
      try {
        socket = new WebSocket(url + streamQuery({ since, token: this.token }));
      } catch {
        this.scheduleReconnect();
        return;
      }
    }
    this.socket = socket;
    clearTimeout(this.connectTimer);
    this.connectTimer = setTimeout(() => {
      if (socket === this.socket && socket.readyState === WebSocket.CONNECTING) socket.close();
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      if (socket !== this.socket) return;
      clearTimeout(this.connectTimer);
      this.attempts = 0;
      this.handlers.onState('open');
      // With nothing to resume from the page refetches now; otherwise the server replays, or says resync.
      if (since === undefined) this.handlers.onResync();
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket || typeof message.data !== 'string' || !message.data) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return;
      }
      for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
        if (isResync(item)) {
          this.handlers.onResync();
          continue;
        }
        const event = toStaffEvent(item);
        if (!event) continue;
        if (event.streamId && STREAM_ID.test(event.streamId)) this.lastStreamId = event.streamId;
        this.handlers.onEvent(event);
      }
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      clearTimeout(this.connectTimer);
      this.socket = undefined;
      if (this.stopped) return;
      if (event.code === SESSION_ENDED) this.handlers.onResync();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.attempts += 1;
    this.handlers.onState('reconnecting');
    // A refused socket may mean an expired token: resyncing calls the API, whose 401 logs out.
    if (this.attempts % 3 === 0) this.handlers.onResync();
    const base = Math.min(20_000, 1000 * 2 ** Math.min(this.attempts - 1, 5));
    const wait = base / 2 + Math.random() * (base / 2);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), wait);
  }
}

/** The server's `{type: 'resync'}`: the events missed while away could not all be replayed. */
function isResync(item: unknown): boolean {
  return typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'resync' && !('resource' in item);
}

function streamQuery(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return search ? `?${search}` : '';
}
