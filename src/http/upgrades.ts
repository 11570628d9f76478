import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { securityHeaderLines } from './securityHeaders';

/**
 * The one 'upgrade' listener of an HTTP server. WebSocket endpoints claim their paths here; an
 * upgrade to a path nobody claimed is answered 404 and closed at once. (Before, each endpoint
 * listened for every upgrade and ignored the others' paths, so an upgrade to `/` or `/agent`
 * was never answered and its socket stayed open.)
 */
export interface UpgradeClaim {
  /** True for the request paths (without query) this endpoint answers. */
  owns(pathname: string): boolean;
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Answers an upgrade with a plain HTTP status (with our security headers) and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n${securityHeaderLines()}\r\n`);
  // A client that does not read our answer must not keep the socket: cut it shortly after.
  setTimeout(() => socket.destroy(), 1000).unref();
}

export class UpgradeRouter {
  private readonly claims = new Set<UpgradeClaim>();

  constructor(http: HttpServer) {
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.dispatch(req, socket, head));
  }

  /** Adds an endpoint; the returned function removes it (on close). */
  claim(claim: UpgradeClaim): () => void {
    this.claims.add(claim);
    return () => this.claims.delete(claim);
  }

  private dispatch(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that resets the connection must never become an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return refuseUpgrade(socket, 400);
    }
    for (const claim of this.claims) {
      if (claim.owns(pathname)) return claim.handle(req, socket, head);
    }
    refuseUpgrade(socket, 404);
  }
}

const routers = new WeakMap<HttpServer, UpgradeRouter>();

/** The upgrade router of `http`, created (and listening) on first use. */
export function upgradesOf(http: HttpServer): UpgradeRouter {
  let router = routers.get(http);
  if (!router) {
    router = new UpgradeRouter(http);
    routers.set(http, router);
  }
  return router;
}
