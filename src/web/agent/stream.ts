import { toStaffEvent, type StaffEvent } from './model';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface StreamHandlers {
  onEvent(event: StaffEvent): void;
  onState(state: StreamState): void;
  /**
   * Called on every (re)connection, whatever happened while away must be fetched again; and
   * when the server ends the session (4001), so that the API's 401 leads back to login.
   */
  onResync(): void;
}

/** The server closes with this when the token expired or the session ended. */
const SESSION_ENDED = 4001;
/** A connection attempt that neither opens nor fails (a stuck proxy) is given up after this. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The live feed `/api/stream`, kept open: after a drop it reconnects with a growing, jittered
 * wait (1 s … 20 s) and asks the page to fetch again what it may have missed. The token goes
 * as the subprotocol pair `bearer, <token>` (kept out of URLs and access logs); `?token=` is
 * the fallback should a browser refuse it.
 */
export class LiveStream {
  private socket?: WebSocket;
  private timer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;
  private attempts = 0;
  private stopped = false;

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
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/stream`;
    this.handlers.onState(this.attempts === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, ['bearer', this.token]);
    } catch {
      try {
        socket = new WebSocket(`${url}?token=${encodeURIComponent(this.token)}`);
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
      this.handlers.onResync();
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
        const event = toStaffEvent(item);
        if (event) this.handlers.onEvent(event);
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
