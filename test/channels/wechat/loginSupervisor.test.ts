import { EventEmitter } from 'node:events';
import { LoginSupervisor, type WechatyLike } from '../../../src/channels/wechat/loginSupervisor';
import { WechatFakeClock } from '../../fakes/wechatFakeClock';
import { wechatLogCapture } from '../../fakes/wechatLogCapture';

/** A scriptable stand-in for a wechaty instance: the test emits its events. */
class FakeWechaty extends EventEmitter implements WechatyLike {
  isLoggedIn = false;
  started = 0;
  stopped = 0;
  failStart?: Error;
  sent: Array<[string, string]> = [];
  readonly puppet = { messageSendText: async (id: string, text: string) => void this.sent.push([id, text]) };
  async start(): Promise<void> {
    this.started++;
    if (this.failStart) throw this.failStart;
  }
  async stop(): Promise<void> {
    this.stopped++;
    this.isLoggedIn = false;
    this.emit('logout', { id: 'bot' }, 'stop()');
    this.emit('stop');
  }
  login(): void {
    this.isLoggedIn = true;
    this.emit('login', { id: 'bot-self', name: () => '移动客服', type: () => 1 });
  }
}

function setup() {
  const clock = new WechatFakeClock();
  const logs = wechatLogCapture();
  const built: FakeWechaty[] = [];
  const events: string[] = [];
  let nextFailure: Error | undefined;
  const supervisor = new LoginSupervisor({
    createWechaty: async () => {
      const w = new FakeWechaty();
      w.failStart = nextFailure;
      built.push(w);
      return w;
    },
    clock,
    logger: logs.logger,
    onMessage: () => undefined,
    onLoggedIn: (self) => events.push(`in:${self.id}`),
    onLoggedOut: () => events.push('out'),
    printQr: (v) => events.push(`qr:${v}`),
    reconnectInitialMs: 1000,
    reconnectMaxMs: 8000,
    random: () => 0.5, // no jitter: delays are exactly the backoff
  });
  return { clock, logs, built, events, supervisor, failNextStarts: (e?: Error) => (nextFailure = e) };
}

describe('LoginSupervisor', () => {
  it('backs off 1 s, 2 s, 4 s… while starts fail, then resets after a login', async () => {
    const t = setup();
    t.failNextStarts(new Error('puppet service unreachable'));
    await t.supervisor.start();
    expect(t.supervisor.state).toBe('reconnecting');
    expect(t.supervisor.lastError).toBe('start failed: puppet service unreachable');
    const delays = () => t.logs.lines.filter((l) => l.msg === 'WeChat disconnected; reconnecting after a pause').map((l) => l.delayMs);
    await t.clock.advance(1000);
    await t.clock.advance(2000);
    await t.clock.advance(4000);
    expect(delays()).toEqual([1000, 2000, 4000, 8000]);
    t.failNextStarts(undefined);
    await t.clock.advance(8000);
    const live = t.built[t.built.length - 1];
    expect(live.started).toBe(1);
    live.login();
    expect(t.supervisor.state).toBe('logged-in');
    live.isLoggedIn = false;
    live.emit('logout', {}, 'kicked');
    expect(delays()[4]).toBe(1000);
    await t.supervisor.stop();
    expect(t.clock.pendingTimers).toBe(0);
  });

  it('restarts on a puppet error without a session, but only logs one during a live session', async () => {
    const t = setup();
    await t.supervisor.start();
    const w = t.built[0];
    w.login();
    w.emit('error', new Error('payload fetch failed'));
    expect(t.supervisor.state).toBe('logged-in');
    expect(t.supervisor.lastError).toBe('payload fetch failed');

    w.isLoggedIn = false;
    w.emit('error', new Error('grpc connection lost'));
    expect(t.supervisor.state).toBe('reconnecting');
    expect(t.events).toContain('out');
    await t.clock.advance(1000);
    expect(t.built).toHaveLength(2);
    expect(w.stopped).toBe(1);
    // Events from the stopped instance no longer count.
    w.emit('login', { id: 'ghost', name: () => 'x', type: () => 1 });
    expect(t.events.filter((e) => e.startsWith('in:'))).toEqual(['in:bot-self']);
    await t.supervisor.stop();
  });

  it('prints each new QR code once and refuses to send before login', async () => {
    const t = setup();
    await t.supervisor.start();
    const w = t.built[0];
    w.emit('scan', 'https://login.weixin.qq.com/l/1', 2);
    w.emit('scan', 'https://login.weixin.qq.com/l/1', 3);
    w.emit('scan', 'https://login.weixin.qq.com/l/2', 5);
    expect(t.events).toEqual(['qr:https://login.weixin.qq.com/l/1', 'qr:https://login.weixin.qq.com/l/2']);
    expect(t.supervisor).toMatchObject({ state: 'scan-qr', qrcodeUrl: 'https://login.weixin.qq.com/l/2' });
    await expect(t.supervisor.sendText('wxid_a', 'hi')).rejects.toThrow('not logged in');
    w.login();
    await t.supervisor.sendText('wxid_a', 'hi');
    expect(w.sent).toEqual([['wxid_a', 'hi']]);
    await t.supervisor.stop();
    expect(t.supervisor.state).toBe('logged-out');
  });
});
