import { LiveStream } from '../../src/web/agent/stream';
import { toStaffEvent, type StaffEvent } from '../../src/web/agent/model';

/** A browser WebSocket stand-in: records the URLs the console opens and lets the test drive each socket. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  onopen?: () => void;
  onmessage?: (m: { data: unknown }) => void;
  onclose?: (e: { code: number }) => void;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(): void {
    this.onclose?.({ code: 1006 });
  }
  close(): void {}
}

describe('LiveStream: resuming with ?since=', () => {
  beforeAll(() => {
    jest.useFakeTimers();
    Object.assign(globalThis, {
      WebSocket: FakeSocket,
      window: { addEventListener: () => undefined, removeEventListener: () => undefined },
      location: { protocol: 'https:', host: 'desk.example' },
    });
  });
  afterAll(() => jest.useRealTimers());

  it('reconnects from the last streamId and refetches only on the first connection or a resync', () => {
    FakeSocket.opened = [];
    const events: StaffEvent[] = [];
    const onResync = jest.fn();
    const stream = new LiveStream('tok', { onEvent: (e) => events.push(e), onState: () => undefined, onResync });
    stream.start();
    const first = FakeSocket.opened[0];
    expect(first.url).toBe('wss://desk.example/api/stream');
    first.open();
    expect(onResync).toHaveBeenCalledTimes(1);
    first.receive({ resource: 'case', type: 'created', id: 'c1', payload: {}, streamId: '1700000000000-0' });
    first.receive({ resource: 'case', type: 'created', id: 'c2', payload: {}, streamId: '1700000000000-1' });
    expect(events.map((e) => e.streamId)).toEqual(['1700000000000-0', '1700000000000-1']);

    first.drop();
    jest.advanceTimersByTime(1000);
    const second = FakeSocket.opened[1];
    expect(second.url).toBe('wss://desk.example/api/stream?since=1700000000000-1');
    second.open();
    expect(onResync).toHaveBeenCalledTimes(1); // the server replays: nothing to refetch
    second.receive({ type: 'resync', reason: 'trimmed' });
    expect(onResync).toHaveBeenCalledTimes(2);
    expect(events).toHaveLength(2);
    stream.stop();
  });

  it('keeps the streamId when reading an event, and works without one', () => {
    expect(toStaffEvent({ resource: 'note', type: 'created', id: 'c1', payload: {}, streamId: '5-0' })).toEqual({
      resource: 'note',
      type: 'created',
      id: 'c1',
      payload: {},
      streamId: '5-0',
    });
    expect(toStaffEvent({ resource: 'note', type: 'created', id: 'c1', payload: {} })).toEqual({
      resource: 'note',
      type: 'created',
      id: 'c1',
      payload: {},
    });
  });
});
