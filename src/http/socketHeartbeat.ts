import type { WebSocket } from 'ws';

/** Set back to true by the socket's 'pong' handler. */
export interface Liveness {
  alive: boolean;
}

/**
 * One heartbeat for one WebSocket, shared by the staff stream and the web chat stream: a socket that
 * did not answer the last ping is terminated (a dead peer never sends a close frame), otherwise it is
 * pinged again. Returns whether the socket is still in use.
 */
export function pingOrTerminate(ws: WebSocket, liveness: Liveness): boolean {
  if (!liveness.alive) {
    ws.terminate();
    return false;
  }
  liveness.alive = false;
  try {
    ws.ping();
    return true;
  } catch {
    ws.terminate();
    return false;
  }
}
