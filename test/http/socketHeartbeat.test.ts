import type { WebSocket } from 'ws';
import { pingOrTerminate } from '../../src/http/socketHeartbeat';

function fakeSocket(pingThrows = false) {
  const calls: string[] = [];
  const ws = {
    ping: () => {
      calls.push('ping');
      if (pingThrows) throw new Error('socket closed');
    },
    terminate: () => calls.push('terminate'),
  } as unknown as WebSocket;
  return { ws, calls };
}

describe('pingOrTerminate', () => {
  it('pings a socket that answered and waits for the next pong', () => {
    const { ws, calls } = fakeSocket();
    const liveness = { alive: true };
    expect(pingOrTerminate(ws, liveness)).toBe(true);
    expect(calls).toEqual(['ping']);
    expect(liveness.alive).toBe(false);
  });

  it('terminates a socket that did not answer the last ping', () => {
    const { ws, calls } = fakeSocket();
    expect(pingOrTerminate(ws, { alive: false })).toBe(false);
    expect(calls).toEqual(['terminate']);
  });

  it('terminates a socket that cannot be pinged', () => {
    const { ws, calls } = fakeSocket(true);
    expect(pingOrTerminate(ws, { alive: true })).toBe(false);
    expect(calls).toEqual(['ping', 'terminate']);
  });
});
