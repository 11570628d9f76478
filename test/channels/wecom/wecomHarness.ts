import { createApp, type App } from '../../../src/index';
import type { Store } from '../../../src/store/store';
import type { ChannelSession } from '../../helpers/customerScript';
import { waitFor, wecomEnv, WecomSimulator } from '../../fakes/wecomSimulator';

/** A desk with the WeCom channel pointed at the simulator, fast sweeps, WeCom's clock. */
export async function startWecomDesk(
  sim: WecomSimulator,
  apiBase: string,
  extra: { store?: Store; env?: Record<string, string>; instanceId?: string } = {},
): Promise<App> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    env: { LOG_LEVEL: 'silent', ...wecomEnv(sim.account, apiBase), ...extra.env },
    store: extra.store,
    instanceId: extra.instanceId,
    wecom: { sweepMs: 100, idlePullMs: 60_000, now: () => sim.now() },
  });
  await app.start();
  return app;
}

/** beforeAll/afterAll (or each) around a simulator and a desk on it; the getters read the current ones. */
export function useWecomDesk(scope: 'all' | 'each' = 'each') {
  const current: { sim?: WecomSimulator; app?: App } = {};
  const [before, after] = scope === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current.sim = new WecomSimulator();
    current.app = await startWecomDesk(current.sim, await current.sim.start());
  });
  after(async () => {
    await current.app?.stop();
    await current.sim?.stop();
  });
  return { sim: () => current.sim!, app: () => current.app! };
}

export function callbackUrl(app: App): string {
  return `http://127.0.0.1:${app.port}/wecom/callback`;
}

/** A customer talking through the simulator; replies are what the simulator was asked to send them. */
export function wecomSession(sim: WecomSimulator, app: () => App, user: string): ChannelSession & { seen: () => number } {
  let seen = 0;
  return {
    seen: () => seen,
    async say(text) {
      sim.customerSays(user, text);
      const answer = await sim.notify(callbackUrl(app()));
      if (answer.status !== 200 || answer.body !== 'success') throw new Error(`callback answered ${answer.status} ${answer.body}`);
    },
    async replies() {
      await waitFor(() => sim.sentTo(user).length > seen, 15_000, 'a reply');
      let count = sim.sentTo(user).length;
      for (;;) {
        await new Promise((r) => setTimeout(r, 400));
        if (sim.sentTo(user).length === count) break;
        count = sim.sentTo(user).length;
      }
      const fresh = sim
        .sentTo(user)
        .slice(seen)
        .map((m) => m.text);
      seen = count;
      return fresh;
    },
  };
}
