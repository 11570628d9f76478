import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Activity } from 'botbuilder';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { refuseUpgrade as refuse, upgradesOf } from '../../http/upgrades';
import type { Logger } from '../../logging/logger';
import { AnnouncedEntry, isStoreUnavailable, type Store, type Unsubscribe } from '../../store/store';
import { TokenError, type TokenService } from './tokens';
import { isAppendNotice, topicFor, type ActivitySet, type ConversationLog } from './conversationLog';
import type { ConversationRegistry } from './conversations';
import { watermarkQuery } from './schemas';
import { pingOrTerminate, type Liveness } from '../../http/socketHeartbeat';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;

/** Dead connections (a phone that lost signal) are noticed within two of these. */
const KEEPALIVE_MS = 30_000;

export function streamPath(conversationId: string): string {
  return `/v3/directline/conversations/${conversationId}/stream`;
}

export interface StreamServerDeps {
  store: Store;
  log: ConversationLog;
  conversations: ConversationRegistry;
  tokens: TokenService;
  logger: Logger;
}

/**
 * The Direct Line WebSocket stream. Each socket keeps its own watermark and, whenever any
 * instance announces an append to its conversation, reads the log from there. Reading (rather
 * than forwarding the announced activity) keeps order and watermarks exactly those of the
 * shared log, whichever instance wrote and however pub/sub delivers.
 */
export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly streams = new Set<ConversationStream>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly release: () => void;

  constructor(
    http: HttpServer,
    private readonly deps: StreamServerDeps,
  ) {
    // Other features serve their own WebSockets on this server: we answer under /v3/directline/ only.
    this.release = upgradesOf(http).claim({
      owns: (pathname) => pathname.startsWith('/v3/directline/'),
      handle: (req, socket, head) => this.upgrade(req, socket, head),
    });
    this.keepalive = setInterval(() => {
      for (const stream of this.streams) stream.ping();
    }, KEEPALIVE_MS);
    this.keepalive.unref();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    // Under our path, nothing else takes a WebSocket.
    if (!match) return refuse(socket, 404);
    // A client that vanishes while we check its token must not become an unhandled 'error'.
    socket.on('error', (err) => this.deps.logger.debug({ err }, 'web channel: stream upgrade socket error'));
    this.authorise(match[1], url.searchParams).then(
      (watermark) => {
        if (socket.destroyed) return;
        this.wss.handleUpgrade(req, socket, head, (ws) => this.open(match[1], ws, watermark));
      },
      (err: unknown) => {
        // The store away is a moment's 503 (logged once by the store), not a fault of ours.
        const status = err instanceof UpgradeRefusal ? err.status : isStoreUnavailable(err) ? 503 : 500;
        if (status === 500) this.deps.logger.error({ err }, 'web channel: stream upgrade failed');
        refuse(socket, status);
      },
    );
  }

  private async authorise(conversationId: string, params: URLSearchParams): Promise<number> {
    const token = params.get('t');
    if (!token) throw new UpgradeRefusal(401);
    let claims;
    try {
      claims = this.deps.tokens.verify(token, 'stream');
    } catch (err) {
      if (err instanceof TokenError) throw new UpgradeRefusal(err.reason === 'expired' ? 403 : 401);
      throw err;
    }
    if (claims.conv !== conversationId) throw new UpgradeRefusal(403);
    const parsed = watermarkQuery.safeParse(params.get('watermark') ?? undefined);
    if (!parsed.success) throw new UpgradeRefusal(400);
    const conversation = await this.deps.conversations.get(conversationId);
    if (!conversation) throw new UpgradeRefusal(404);
    return parsed.data;
  }

  private open(conversationId: string, ws: WebSocket, watermark: number): void {
    const stream = new ConversationStream(conversationId, ws, watermark, this.deps);
    this.streams.add(stream);
    ws.on('close', () => {
      this.streams.delete(stream);
      void stream.stop();
    });
    void stream.start();
  }

  /** Closes every socket ("going away"): DirectLineJS then reconnects, to another instance if need be. */
  async close(): Promise<void> {
    this.release();
    clearInterval(this.keepalive);
    const stopping = [...this.streams].map((s) => s.stop());
    for (const client of this.wss.clients) client.close(1001, 'server shutting down');
    await Promise.allSettled(stopping);
    // Sockets that do not finish the closing handshake promptly are cut.
    setTimeout(() => {
      for (const client of this.wss.clients) client.terminate();
    }, 1000).unref();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

class UpgradeRefusal extends Error {
  constructor(readonly status: number) {
    super(`stream upgrade refused with ${status}`);
  }
}

/** One open socket: its watermark, its subscription and the pump that feeds it. */
class ConversationStream {
  private unsubscribe?: Unsubscribe;
  private pumping = false;
  private pumpAgain = false;
  private readonly liveness: Liveness = { alive: true };
  private stopped = false;

  constructor(
    private readonly conversationId: string,
    private readonly ws: WebSocket,
    /** Number of log entries this socket has delivered (the client's watermark). */
    private delivered: number,
    private readonly deps: StreamServerDeps,
  ) {
    // Clients send empty strings as pings; nothing a client sends on the stream means anything.
    ws.on('message', () => undefined);
    ws.on('pong', () => {
      this.liveness.alive = true;
    });
    ws.on('error', (err) => deps.logger.debug({ err, conversationId }, 'web channel: stream socket error'));
  }

  async start(): Promise<void> {
    try {
      // Subscribe before the first read: an append between the two is then seen by one or both.
      const unsubscribe = await this.deps.store.subscribe(topicFor(this.conversationId), (message) => {
        if (message instanceof AnnouncedEntry) this.onAnnounced(message);
        else if (isAppendNotice(message) && message.watermark >= this.delivered) void this.pump();
      });
      if (this.stopped) {
        await unsubscribe();
        return;
      }
      this.unsubscribe = unsubscribe;
      await this.pump();
    } catch (err) {
      const level = isStoreUnavailable(err) ? 'debug' : 'error';
      this.deps.logger[level]({ err, conversationId: this.conversationId }, 'web channel: stream could not start');
      this.ws.close(1011, 'stream unavailable');
    }
  }

  /**
   * The announced entry goes straight out when it is the next one this socket owes, belongs to
   * this conversation and no read of the log is under way. Anything else (a gap, an entry of
   * another conversation replayed here) reads the log, which has the last word.
   */
  private onAnnounced(entry: AnnouncedEntry): void {
    if (entry.watermark < this.delivered) return;
    const conversation = entry.activity.conversation as { id?: unknown } | undefined;
    if (this.pumping || entry.watermark !== this.delivered || conversation?.id !== this.conversationId) {
      void this.pump();
      return;
    }
    if (this.stopped || this.ws.readyState !== WebSocket.OPEN) return;
    const set: ActivitySet = { activities: [entry.activity as Partial<Activity>], watermark: String(entry.watermark + 1) };
    this.ws.send(JSON.stringify(set));
    this.delivered = entry.watermark + 1;
  }

  /** Sends everything after `delivered`; concurrent calls collapse into one more round. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        if (this.stopped || this.ws.readyState !== WebSocket.OPEN) return;
        const set = await this.deps.log.read(this.conversationId, this.delivered);
        if (set.activities.length && this.ws.readyState === WebSocket.OPEN) {
          this.ws.send(JSON.stringify(set));
          this.delivered = Number(set.watermark);
        }
      } while (this.pumpAgain);
    } catch (err) {
      // The socket stays open; the next announcement retries from the same watermark.
      this.deps.logger.warn({ err, conversationId: this.conversationId }, 'web channel: stream read failed');
    } finally {
      this.pumping = false;
    }
  }

  ping(): void {
    pingOrTerminate(this.ws, this.liveness);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch((err) => this.deps.logger.warn({ err }, 'web channel: unsubscribe failed'));
  }
}
