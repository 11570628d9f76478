import { z } from 'zod';
import type { AttachmentFile } from '../../domain/channels';
import type { Logger } from '../../logging/logger';
import type { Clock } from './clock';
import { NotReadyError } from './outboundQueue';
import { SCAN_STATUS, type ContactLike, type MessageLike } from './wechatyTypes';

/**
 * Keeps one wechaty instance logged in while this instance is the leader: starts it, reports
 * the QR code and login state for staff, and after a logout, a failed start, an unexpected
 * stop or a puppet error outside a live session, tears it down and starts again after a
 * growing, jittered pause. Every transition is logged, so operators can see why the account
 * went quiet.
 */

export type LoginState = 'logged-out' | 'scan-qr' | 'logged-in' | 'reconnecting';

/** The part of a wechaty instance used here; WechatyBuilder.build() returns one. */
export interface WechatyLike {
  on(event: string, listener: (...args: never[]) => unknown): unknown;
  off(event: string, listener: (...args: never[]) => unknown): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly isLoggedIn: boolean;
  readonly puppet: {
    messageSendText(conversationId: string, text: string): Promise<unknown>;
    /** The media of a received message (image, voice, video, file, sticker) as a wechaty FileBox. */
    messageFile?(messageId: string): Promise<AttachmentFile>;
    /** The link card of a received link message. */
    messageUrl?(messageId: string): Promise<{ url?: string }>;
  };
}

export interface LoginSupervisorOptions {
  createWechaty: () => Promise<WechatyLike>;
  clock: Clock;
  logger: Logger;
  onMessage: (message: MessageLike) => void;
  onLoggedIn: (self: { id: string; name: string }) => void;
  onLoggedOut: () => void;
  /** Shows the login QR code to whoever runs the service (the terminal by default). */
  printQr: (value: string) => void;
  reconnectInitialMs: number;
  reconnectMaxMs: number;
  /** A wechaty that does not stop within this long is abandoned. */
  stopTimeoutMs?: number;
  random?: () => number;
}

interface Running {
  wechaty: WechatyLike;
  detach: () => void;
}

/** wechaty passes its own Contact; only a non-empty id is required of it. */
const loginUserSchema = z.object({ id: z.string().min(1) });

const SCAN_STATUS_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SCAN_STATUS).map(([k, v]) => [v, k]));

export class LoginSupervisor {
  state: LoginState = 'logged-out';
  user?: string;
  userId?: string;
  /** The value the login QR code encodes (usually a login URL): staff pages render it locally. */
  qrcodeUrl?: string;
  lastError?: string;

  private running = false;
  private generation = 0;
  private current?: Running;
  private attempt = 0;
  private reconnectTimer: unknown;
  private pendingTeardown: Promise<void> = Promise.resolve();
  private readonly errorWatched = new WeakSet<WechatyLike>();

  constructor(private readonly o: LoginSupervisorOptions) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.state = 'logged-out';
    await this.launch();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer !== undefined) this.o.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.pendingTeardown;
    await this.teardown();
    this.state = 'logged-out';
    this.user = undefined;
    this.userId = undefined;
    this.qrcodeUrl = undefined;
  }

  /** Sends one text to a contact or room id; NotReadyError while not logged in. */
  async sendText(chatId: string, text: string): Promise<void> {
    const current = this.current;
    if (!current || this.state !== 'logged-in' || !current.wechaty.isLoggedIn) throw new NotReadyError('WeChat is not logged in');
    await current.wechaty.puppet.messageSendText(chatId, text);
  }

  /** The media of a received message; NotReadyError while not logged in. */
  async messageFile(messageId: string): Promise<AttachmentFile> {
    const puppet = this.loggedInPuppet();
    if (!puppet.messageFile) throw new NotReadyError('this WeChat puppet cannot load message files');
    return puppet.messageFile(messageId);
  }

  /** The URL of a received link message; NotReadyError while not logged in. */
  async messageUrl(messageId: string): Promise<string | undefined> {
    const puppet = this.loggedInPuppet();
    if (!puppet.messageUrl) throw new NotReadyError('this WeChat puppet cannot load links');
    return (await puppet.messageUrl(messageId)).url;
  }

  private loggedInPuppet(): WechatyLike['puppet'] {
    const current = this.current;
    if (!current || this.state !== 'logged-in' || !current.wechaty.isLoggedIn) throw new NotReadyError('WeChat is not logged in');
    return current.wechaty.puppet;
  }

  private async launch(): Promise<void> {
    const generation = ++this.generation;
    try {
      const wechaty = await this.o.createWechaty();
      if (generation !== this.generation || !this.running) return;
      this.current = { wechaty, detach: this.attach(wechaty, generation) };
      this.o.logger.info('starting WeChat (wechaty)');
      await wechaty.start();
    } catch (err) {
      if (generation === this.generation && this.running) this.reconnect(`start failed: ${errorText(err)}`);
    }
  }

  private attach(wechaty: WechatyLike, generation: number): () => void {
    const live = () => generation === this.generation && this.running;
    const handlers: Record<string, (...args: never[]) => void> = {
      scan: (qrcode: unknown, status: unknown) => live() && this.onScan(String(qrcode ?? ''), Number(status)),
      login: (user: ContactLike) => live() && this.onLogin(user),
      logout: (_user: unknown, reason?: unknown) => {
        if (!live()) return;
        this.o.onLoggedOut();
        this.reconnect(`logged out${reason ? `: ${String(reason)}` : ''}`);
      },
      message: (message: MessageLike) => live() && this.o.onMessage(message),
      stop: () => live() && this.reconnect('wechaty stopped unexpectedly'),
    };
    for (const [event, handler] of Object.entries(handlers)) {
      // A listener that throws would surface inside the puppet's emit; log it instead.
      const guarded = (...args: unknown[]) => {
        try {
          // The emitter's arguments are what wechaty documents for each event (the handlers' types).
          handler(...(args as never[]));
        } catch (err) {
          this.o.logger.error({ event, err: errorText(err) }, 'WeChat event handling failed');
        }
      };
      handlers[event] = guarded;
      wechaty.on(event, guarded);
    }
    // The error listener stays for good (once per instance): an EventEmitter 'error' with no
    // listener would crash the process, and a stopped wechaty can still report one late.
    if (!this.errorWatched.has(wechaty)) {
      this.errorWatched.add(wechaty);
      wechaty.on('error', (err: unknown) => this.onError(err, wechaty, this.running && this.current?.wechaty === wechaty));
    }
    return () => {
      for (const [event, handler] of Object.entries(handlers)) wechaty.off(event, handler);
    };
  }

  private onScan(qrcode: string, status: number): void {
    if (this.state === 'logged-in') return;
    this.state = 'scan-qr';
    const statusName = SCAN_STATUS_NAMES[status] ?? String(status);
    if (qrcode && qrcode !== this.qrcodeUrl) {
      this.qrcodeUrl = qrcode;
      this.o.logger.info({ status: statusName }, 'WeChat needs a login: scan the QR code printed in the terminal');
      try {
        this.o.printQr(qrcode);
      } catch (err) {
        this.o.logger.warn({ err: errorText(err) }, 'could not print the WeChat login QR code');
      }
    } else {
      this.o.logger.info({ status: statusName }, 'WeChat login QR status');
    }
  }

  private onLogin(user: ContactLike): void {
    const parsed = loginUserSchema.safeParse(user);
    if (!parsed.success) {
      this.o.logger.error('WeChat login event without a usable account id; ignored');
      return;
    }
    let name = '';
    try {
      name = String(user.name() ?? '');
    } catch {
      // A name is nice to show, not needed.
    }
    this.state = 'logged-in';
    this.user = name || user.id;
    this.userId = user.id;
    this.qrcodeUrl = undefined;
    this.attempt = 0;
    this.o.logger.info({ userId: user.id }, 'WeChat logged in');
    this.o.onLoggedIn({ id: user.id, name });
  }

  private onError(err: unknown, wechaty: WechatyLike, live: boolean): void {
    const text = errorText(err);
    if (!live) {
      this.o.logger.debug({ err: text }, 'late error from a stopped wechaty');
      return;
    }
    this.lastError = text;
    this.o.logger.warn({ err: text }, 'WeChat puppet error');
    // Puppets report many recoverable errors during a live session (one bad message, a slow
    // payload); only an error that leaves us without a session (or a QR to scan) warrants a restart.
    let loggedIn: boolean;
    try {
      loggedIn = wechaty.isLoggedIn;
    } catch {
      loggedIn = false;
    }
    if (!loggedIn && this.state !== 'scan-qr') this.reconnect(`puppet error: ${text}`);
  }

  private reconnect(reason: string): void {
    if (!this.running || this.reconnectTimer !== undefined) return;
    const base = Math.min(this.o.reconnectMaxMs, this.o.reconnectInitialMs * 2 ** this.attempt);
    // Jitter keeps a fleet that lost its puppet service at once from hammering it in step.
    const delayMs = Math.round(base * (0.8 + 0.4 * (this.o.random ?? Math.random)()));
    this.attempt++;
    this.lastError = reason;
    this.state = 'reconnecting';
    this.user = undefined;
    this.userId = undefined;
    this.qrcodeUrl = undefined;
    this.o.logger.warn({ reason, delayMs, attempt: this.attempt }, 'WeChat disconnected; reconnecting after a pause');
    this.pendingTeardown = this.teardown();
    this.reconnectTimer = this.o.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.pendingTeardown.then(() => {
        if (!this.running) return;
        this.o.logger.info({ attempt: this.attempt }, 'WeChat reconnecting now');
        return this.launch();
      });
    }, delayMs);
  }

  private async teardown(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    // Every listener of the old instance goes stale from here on (its stop emits logout/stop).
    this.generation++;
    if (!current) return;
    current.detach();
    this.o.onLoggedOut();
    try {
      await withTimeout(current.wechaty.stop(), this.o.stopTimeoutMs ?? 10_000, this.o.clock);
    } catch (err) {
      this.o.logger.warn({ err: errorText(err) }, 'WeChat did not stop cleanly');
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clock.clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clock.clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}
