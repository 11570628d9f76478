import type { BotLogic } from '../../../src/bot/botLogic';
import { createWechatChannel, type WechatChannel, type WechatChannelOptions } from '../../../src/channels/wechat';
import type { Store } from '../../../src/store/store';
import { createWechatIntakeBot, type WechatIntakeBot } from '../../fakes/wechatIntakeBot';
import { wechatLogCapture } from '../../fakes/wechatLogCapture';
import { waitUntil, WechatMockWorld } from '../../fakes/wechatMockWorld';

/**
 * Shared set-up for the WeChat channel tests: a mock WeChat world, a channel on a given store,
 * and a bot. `makeBot` is the seam where the real bot core replaces the test intake bot.
 */

/** Pacing knobs small enough for real-time tests (production defaults are in the queue). */
export const FAST: WechatChannelOptions = {
  groups: false,
  contactPerMinute: 600,
  globalPerMinute: 6000,
  typingCharsPerSecond: 1000,
  messageChars: 600,
  minTypingMs: 10,
  maxTypingMs: 30,
  firstReplyMaxMs: 10,
  globalMinGapMs: 5,
  leaseMs: 1000,
  renewMs: 200,
  reconnectInitialMs: 50,
  reconnectMaxMs: 200,
  drainTimeoutMs: 3000,
  printQr: () => undefined,
};

export interface Harness {
  world: WechatMockWorld;
  channel: WechatChannel;
  bot: WechatIntakeBot;
  logs: ReturnType<typeof wechatLogCapture>;
}

export async function startHarness(
  store: Store,
  options: Partial<WechatChannelOptions> = {},
  extra: {
    world?: WechatMockWorld;
    makeBot?: (store: Store) => WechatIntakeBot | { logic: BotLogic };
    instanceId?: string;
    autoLogin?: boolean;
    waitForLogin?: boolean;
  } = {},
): Promise<Harness> {
  const world = extra.world ?? new WechatMockWorld();
  const bot = (extra.makeBot ?? createWechatIntakeBot)(store) as WechatIntakeBot;
  const logs = wechatLogCapture();
  const channel = createWechatChannel({
    bot: bot.logic,
    store,
    logger: logs.logger,
    instanceId: extra.instanceId ?? 'instance-1',
    puppet: world.puppet,
    options: { ...FAST, ...options },
  });
  if (extra.autoLogin !== false) world.autoLogin();
  await channel.start();
  if (extra.autoLogin !== false && extra.waitForLogin !== false)
    await waitUntil(() => channel.status().login === 'logged-in', 8000, 'WeChat login');
  return { world, channel, bot, logs };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  h.world.stopAutoLogin();
  await h.channel.stop();
}
