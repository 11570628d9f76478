import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { StaffPrincipal } from '../../auth/staffAuth';
import { tokenId } from '../../auth/tokenRevocations';
import { bearerToken } from '../../auth/tokenStaffAuth';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../domain/staffEvents';
import { STAFF_EVENTS_KEPT, type PublishedStaffEvent } from '../../store/staffEventStream';
import { StaffPresence, type PresenceEntry } from '../../handoff/staffPresence';
import type { Logger } from '../../logging/logger';
import { refuseUpgrade as refuse, upgradesOf } from '../upgrades';
import { OutageLog } from '../../store/outageLog';
import type { Store, Unsubscribe } from '../../store/store';
import type { OpenApiPaths } from './openapi';
import {
  MAX_REPLAY,
  notReplayed,
  readReplay,
  staffEventSchema,
  streamQuerySchema,
  withStreamId,
  type Replay,
  type ResyncMessage,
} from './streamReplay';
import { visibleTo } from './streamVisibility';
import { pingOrTerminate } from '../socketHeartbeat';

export const STAFF_STREAM_PATH = '/api/stream';
/** Offered by browsers as `new WebSocket(url, ['bearer', token])`; the server picks it. */
export const BEARER_PROTOCOL = 'bearer';

/** Dead connections are noticed within two of these; sessions are re-checked at the same pace. */
const HEARTBEAT_MS = 30_000;
/** A console this far behind is cut off rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** setTimeout's limit; longer expiries are left to the heartbeat re-check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StaffTokenVerifier {
  /** The principal and the token's expiry (seconds since the epoch), or undefined when it is not valid. */
  verifyWithExpiry(token: string): Promise<{ principal: StaffPrincipal; exp: number } | undefined>;
}

/** Tokens logged out on any instance (TokenRevocations): their open sockets close at once. */
export interface EndedSessions {
  subscribe(ended: (tokenId: string) => void): Promise<Unsubscribe>;
}

export interface StaffStreamDeps {
  store: Store;
  verifier: StaffTokenVerifier;
  /** Without it a logged-out token's socket closes at the next heartbeat re-check. */
  sessions?: EndedSessions;
  logger: Logger;
  heartbeatMs?: number;
  /** Seconds a console's presence lives without a heartbeat; default at least two heartbeats (60 s at the default pace). */
  presenceTtlSeconds?: number;
}

interface Client {
  ws: WebSocket;
  principal: StaffPrincipal;
  token: string;
  /** tokenId(token), as logouts name it. */
  tokenId: string;
  alive: boolean;
  expiry?: NodeJS.Timeout;
  /** This console's presence record (StaffPresence): the staff member is online while it is open. */
  presenceId: string;
  presence: PresenceEntry;
  /** Live events held while this console's replay is read, so none is lost or sent twice. */
  backlog?: PublishedStaffEvent[];
}

/**
 * GET /api/stream (WebSocket): every StaffEvent published on the store, from any instance, to
 * the connected staff consoles allowed to see it (visibleTo, streamVisibility.ts: supervisors
 * all, agents events about their own cases and the queue, what was said on their own only). One store subscription per instance fans out to its sockets.
 * It answers upgrades on its own path only: other paths (the Direct Line stream) belong to
 * other listeners on the same server.
 *
 * The token comes as `?token=`, as `Sec-WebSocket-Protocol: bearer, <token>` (browsers cannot
 * set headers on a WebSocket), or as `Authorization: Bearer` (other clients).
 *
 * Each message carries the event's `streamId`. A console reconnecting with `?since=<streamId>`
 * first gets the events after it that it may see (streamReplay.ts), then live ones.
 */
export class StaffStreamServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    // Echo `bearer` so a browser that offered [bearer, token] accepts the connection.
    handleProtocols: (protocols) => (protocols.has(BEARER_PROTOCOL) ? BEARER_PROTOCOL : false),
  });
  private readonly clients = new Set<Client>();
  private readonly presence: StaffPresence;
  /** The heartbeat's presence refresh, logged once per store outage. */
  private readonly presenceOutage: OutageLog;
  /** Presence removals still running, awaited by close() so the store is not closed under them. */
  private readonly leaving = new Set<Promise<void>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly ready: Promise<void>;
  private readonly unsubscribes: Unsubscribe[] = [];
  private closed = false;
  private readonly release: () => void;

  constructor(
    http: HttpServer,
    private readonly deps: StaffStreamDeps,
  ) {
    this.release = upgradesOf(http).claim({
      owns: (pathname) => pathname === STAFF_STREAM_PATH,
      handle: (req, socket, head) => this.upgrade(req, socket, head),
    });
    const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
    this.presenceOutage = new OutageLog(deps.logger, 'staff presence heartbeat');
    this.presence = new StaffPresence(deps.store, {
      ttlSeconds: deps.presenceTtlSeconds ?? Math.max(60, Math.ceil((2 * heartbeatMs) / 1000)),
    });
    this.heartbeat = setInterval(() => this.beat(), heartbeatMs);
    this.heartbeat.unref();
    const subscribed = (unsubscribe: Unsubscribe) => {
      this.unsubscribes.push(unsubscribe);
      if (this.closed) void unsubscribe().catch(() => undefined);
    };
    this.ready = Promise.all([
      deps.store.subscribe(STAFF_EVENTS_TOPIC, (message) => this.forward(message)).then(subscribed),
      deps.sessions?.subscribe((id) => this.endSession(id)).then(subscribed),
    ]).then(() => undefined);
    // A failed subscription is reported by whoever awaits started(); this keeps it from being unhandled meanwhile.
    this.ready.catch(() => undefined);
  }

  /** Resolves once events are being received (the store subscription is in place). */
  started(): Promise<void> {
    return this.ready;
  }

  get connections(): number {
    return this.clients.size;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    socket.on('error', (err) => this.deps.logger.debug({ err }, 'staff stream: upgrade socket error'));
    const token = streamToken(req, url);
    if (!token) return refuse(socket, 401);
    const query = streamQuerySchema.safeParse({ since: url.searchParams.get('since') ?? undefined });
    if (!query.success) return refuse(socket, 400);
    const { since } = query.data;
    Promise.all([this.ready, this.deps.verifier.verifyWithExpiry(token)])
      .then(
        async ([, verified]) => {
          if (!verified) return refuse(socket, 401);
          if (socket.destroyed || this.closed) return;
          // Presence is recorded before the socket opens: once a console is connected, the queue knows someone is there.
          const presenceId = StaffPresence.connectionId(verified.principal.username);
          const presence: PresenceEntry = {
            username: verified.principal.username,
            role: verified.principal.role,
            since: new Date().toISOString(),
          };
          await this.presence.join(presenceId, presence).catch((err: unknown) => {
            this.deps.logger.warn({ err, user: presence.username }, 'staff stream: could not record presence');
          });
          if (socket.destroyed || this.closed) return this.leave(presenceId);
          let opened = false;
          // An upgrade that fails inside ws (bad handshake headers) never opens: its presence goes at once.
          socket.once('close', () => {
            if (!opened) this.leave(presenceId);
          });
          this.wss.handleUpgrade(req, socket, head, (ws) => {
            opened = true;
            const client = this.open(ws, verified.principal, verified.exp, token, presenceId, presence);
            if (since !== undefined) this.replay(client, since);
          });
        },
        (err: unknown) => {
          this.deps.logger.error({ err }, 'staff stream: upgrade failed');
          refuse(socket, 503);
        },
      )
      .catch((err: unknown) => {
        this.deps.logger.error({ err }, 'staff stream: upgrade failed');
        refuse(socket, 503);
      });
  }

  private open(ws: WebSocket, principal: StaffPrincipal, exp: number, token: string, presenceId: string, presence: PresenceEntry): Client {
    const client: Client = { ws, principal, token, tokenId: tokenId(token), alive: true, presenceId, presence };
    const untilExpiry = exp * 1000 - Date.now();
    if (untilExpiry < MAX_TIMER_MS) {
      client.expiry = setTimeout(() => ws.close(4001, 'token expired'), Math.max(0, untilExpiry));
      client.expiry.unref();
    }
    this.clients.add(client);
    ws.on('message', () => undefined); // nothing a console sends means anything here
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('error', (err) => this.deps.logger.debug({ err, user: principal.username }, 'staff stream: socket error'));
    ws.on('close', () => {
      clearTimeout(client.expiry);
      if (this.clients.delete(client)) this.leave(client.presenceId);
    });
    this.deps.logger.debug({ user: principal.username }, 'staff stream: console connected');
    return client;
  }

  /**
   * Sends what the console missed since `since`, then what arrived meanwhile. Live events are held
   * from before the stream is read, and those the replay already gave are dropped: no gap, no repeat.
   */
  private replay(client: Client, since: string): void {
    client.backlog = [];
    readReplay(this.deps.store, since)
      .catch((err: unknown): Replay => {
        this.deps.logger.warn({ err, user: client.principal.username }, 'staff stream: could not read the events to replay');
        return { resync: 'unavailable' };
      })
      .then((replay) => {
        const backlog = client.backlog ?? [];
        client.backlog = undefined;
        if ('resync' in replay) {
          const resync: ResyncMessage = { type: 'resync', reason: replay.resync };
          if (client.ws.readyState === WebSocket.OPEN) client.ws.send(JSON.stringify(resync));
        }
        const events = 'resync' in replay ? backlog : [...replay.events, ...notReplayed(backlog, replay.last)];
        for (const { streamId, ...event } of events) this.send(client, event, streamId, new Map());
      });
  }

  private forward(message: unknown): void {
    const parsed = staffEventSchema.safeParse(message);
    if (!parsed.success) {
      this.deps.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'staff stream: dropped a message that is not a StaffEvent');
      return;
    }
    const { streamId, ...event } = parsed.data;
    // Most consoles get one of two forms of an event (whole, or without what only the case's owner may read): each is serialised once.
    const json = new Map<StaffEvent, string>();
    for (const client of this.clients) {
      if (client.backlog) client.backlog.push(parsed.data);
      else this.send(client, event, streamId, json);
    }
  }

  /** One event to one console, as it may see it; `json` keeps each visible form serialised once. */
  private send(client: Client, event: StaffEvent, streamId: string | undefined, json: Map<StaffEvent, string>): void {
    if (client.ws.readyState !== WebSocket.OPEN) return;
    if (client.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.deps.logger.warn({ user: client.principal.username }, 'staff stream: console too far behind, disconnected');
      client.ws.terminate();
      return;
    }
    const visible = visibleTo(client.principal, event);
    if (!visible) return;
    let text = json.get(visible);
    if (text === undefined) json.set(visible, (text = JSON.stringify(withStreamId(visible, streamId))));
    client.ws.send(text);
  }

  /** A token was logged out (on any instance): its consoles here close as an ended session does. */
  private endSession(id: string): void {
    for (const client of this.clients) {
      if (client.tokenId === id && client.ws.readyState === WebSocket.OPEN) client.ws.close(4001, 'logged out');
    }
  }

  /** This console is no longer there (best effort: a record left behind expires with its TTL). */
  private leave(presenceId: string): void {
    const done = this.presence
      .leave(presenceId)
      .catch((err: unknown) => this.deps.logger.warn({ err, presenceId }, 'staff stream: could not remove presence'))
      .finally(() => this.leaving.delete(done));
    this.leaving.add(done);
  }

  /**
   * Pings every socket, cuts the silent ones, re-checks sessions (a changed password ends them),
   * and keeps the presence of the consoles still here.
   */
  private beat(): void {
    const here = new Map<string, PresenceEntry>();
    for (const client of this.clients)
      if (client.alive && client.ws.readyState === WebSocket.OPEN) here.set(client.presenceId, client.presence);
    this.presence.refresh(here).then(
      () => {
        if (here.size) this.presenceOutage.succeeded();
        // A console that closed while its record was being refreshed must not stay online until the TTL.
        const open = new Set([...this.clients].map((c) => c.presenceId));
        for (const id of here.keys()) if (!open.has(id)) this.leave(id);
      },
      (err: unknown) => this.presenceOutage.failed(err, 'staff stream: could not refresh presence'),
    );
    for (const client of this.clients) {
      if (!pingOrTerminate(client.ws, client)) continue;
      this.deps.verifier.verifyWithExpiry(client.token).then(
        (verified) => {
          if (!verified && client.ws.readyState === WebSocket.OPEN) client.ws.close(4001, 'session ended');
          // A changed role applies to an open console too (the API uses the account's current role on every request).
          if (verified) client.principal = verified.principal;
        },
        (err: unknown) => this.deps.logger.warn({ err }, 'staff stream: session re-check failed'),
      );
    }
  }

  /** Closes every socket ("going away") and the subscription; the HTTP server is the caller's. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.release();
    clearInterval(this.heartbeat);
    await this.ready.catch(() => undefined);
    await Promise.all(
      this.unsubscribes.map((unsubscribe) =>
        unsubscribe().catch((err) => this.deps.logger.warn({ err }, 'staff stream: unsubscribe failed')),
      ),
    );
    for (const client of this.clients) {
      clearTimeout(client.expiry);
      this.clients.delete(client);
      this.leave(client.presenceId);
      client.ws.close(1001, 'server shutting down');
    }
    await Promise.all([...this.leaving]);
    // Sockets that do not finish the closing handshake promptly are cut.
    const cut = setTimeout(() => {
      for (const ws of this.wss.clients) ws.terminate();
    }, 1000);
    cut.unref();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    clearTimeout(cut);
  }
}

function streamToken(req: IncomingMessage, url: URL): string | undefined {
  const query = url.searchParams.get('token');
  if (query) return query;
  const header = bearerToken(req.headers);
  if (header) return header;
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (protocols.includes(BEARER_PROTOCOL)) return protocols.find((p) => p && p !== BEARER_PROTOCOL);
  return undefined;
}

export const STREAM_API_PATHS: OpenApiPaths = {
  [STAFF_STREAM_PATH]: {
    get: {
      operationId: 'staffStream',
      tags: ['stream'],
      summary: 'WebSocket: live events for staff consoles',
      description:
        'Upgrade to a WebSocket. Authenticate with `?token=<staff token>`, or offer the subprotocols `bearer, <token>` ' +
        '(`new WebSocket(url, ["bearer", token])`; the server answers `bearer`), or send `Authorization: Bearer <token>`. ' +
        'Each text message is one StaffEvent `{resource, type, id, payload, streamId}` (new cases, messages, notes, status changes, alerts). ' +
        '`streamId` (`<ms>-<seq>`, growing with every event) is its place in the staff-events stream; it is missing only when the ' +
        'stream could not keep the event. To resume after a drop, reconnect with `?since=<the last streamId seen>`: the server first ' +
        `sends, in order, the events after it that this console may see (at most ${MAX_REPLAY}), then live events, with no gap and ` +
        `no repeat. When it cannot fill the gap (the events were trimmed from the stream, which keeps about the last ${STAFF_EVENTS_KEPT}, there ` +
        `are more than ${MAX_REPLAY}, or the store cannot be read), the first message is \`{type:"resync", reason}\` ` +
        '(reason `trimmed`, `too-many` or `unavailable`) and live events follow: refetch what the console shows. ' +
        'The customer typing (`{resource:"message", type:"typing"}`) is live only: it has no `streamId` and is never replayed. ' +
        'Events can carry personal data: message and note texts and the handoff.initiate transcript (phone and ID numbers masked), ' +
        'staff login names, customer ids. Supervisors receive every event. An agent receives the events about the cases it may see, ' +
        'as on the case routes: its own (`payload.owner`), whole, and queued ones without their `text`, `transcript` and `media` fields ' +
        '(message and note events only for its own). Of another agent’s case it hears only that the case left the queue ' +
        '(`{resource:"case", type:"status", payload:{status, previous:"queued"}}`), and of a case that was its own that it left its hands ' +
        '(`payload.previousOwner`). Events without case facts (`status`, `owner`), such as repeat-complaint alerts, are for supervisors. ' +
        'The server pings every 30 s and closes with 4001 when the token expires, is logged out (POST /api/auth/logout) or the session ends, ' +
        'with 1001 when it shuts down; reconnect (after logging in again for 4001).',
      parameters: [
        { name: 'token', in: 'query', required: false, schema: { type: 'string' } },
        {
          name: 'since',
          in: 'query',
          required: false,
          description: 'The last streamId this console received: replay the events after it first.',
          schema: { type: 'string', pattern: '^[0-9]{1,20}-[0-9]{1,20}$', examples: ['1767225600000-0'] },
        },
      ],
      responses: {
        101: {
          description: 'Switching protocols; then StaffEvent messages',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/StaffEvent' } } },
        },
        400: { description: '`since` is not a streamId (the upgrade is refused with a plain HTTP 400)' },
        401: { description: 'No valid staff token (the upgrade is refused with a plain HTTP 401)' },
      },
    },
  },
};
