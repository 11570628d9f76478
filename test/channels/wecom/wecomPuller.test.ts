import { WecomApi } from '../../../src/channels/wecom/wecomApi';
import type { WecomInbound } from '../../../src/channels/wecom/wecomLog';
import { WecomPuller } from '../../../src/channels/wecom/wecomPuller';
import { createLogger } from '../../../src/logging/logger';
import { MemoryStore } from '../../../src/store/memoryStore';
import { waitFor, WecomSimulator } from '../../fakes/wecomSimulator';

/** The puller's bookkeeping: cursor and msgids in the store, a cut-off pull taken up exactly. */
describe('WeCom puller', () => {
  let sim: WecomSimulator;
  let base: string;
  const logger = createLogger('silent');

  beforeAll(async () => {
    sim = new WecomSimulator();
    base = await sim.start();
  });
  afterAll(() => sim.stop());

  it('stores every message once when a pull dies between storing one and marking it', async () => {
    const store = new MemoryStore();
    const api = new WecomApi({ baseUrl: base, corpId: sim.account.corpId, secret: sim.account.secret, store, logger });
    const log: string[] = [];
    let crashOn: string | undefined;
    const accept = async (m: WecomInbound, resumed: boolean) => {
      if (!(resumed && log.includes(m.msgid))) log.push(m.msgid);
      if (m.msgid === crashOn) {
        crashOn = undefined;
        throw new Error('the instance died here');
      }
    };
    const ids = [1, 2, 3, 4, 5].map((i) => sim.customerSays(`u-${i % 2}`, `消息 ${i}`));
    sim.customerEnters('u-0', 'scene-1');
    crashOn = ids[2];
    const first = new WecomPuller({ store, api, openKfId: sim.account.openKfId, instanceId: 'one', logger, accept, retryMs: 50 });
    first.start();
    await waitFor(() => crashOn === undefined, 5000, 'the crash');
    await first.stop();
    // Another instance, the same store: goes on from the stored cursor.
    const second = new WecomPuller({ store, api, openKfId: sim.account.openKfId, instanceId: 'two', logger, accept });
    second.start();
    await second.idle();
    await waitFor(() => log.length === ids.length, 5000, 'every message');
    await second.stop();
    expect(log).toEqual(ids);
    const later = sim.customerSays('u-1', '再来一条');
    const third = new WecomPuller({ store, api, openKfId: sim.account.openKfId, instanceId: 'three', logger, accept });
    third.start();
    await waitFor(() => log.length === ids.length + 1, 5000, 'the new message');
    await third.stop();
    expect(log).toEqual([...ids, later]);
  });
});
