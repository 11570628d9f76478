import { CaseService } from '../../src/cases/caseService';
import { DEFAULT_RESPONSE_HOURS } from '../../src/domain/deadlines';
import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { DeadlineWatch, DEFAULT_FOLLOWUP_SETTINGS } from '../../src/followup';
import { createLogger } from '../../src/logging/logger';
import { RedisStore } from '../../src/store/redisStore';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix, TEST_STORE_PROTECTION } from '../helpers/redis';

/** Two instances on one Redis: only the lease holder scans, and each event is raised once. */
describe('deadline watch on Redis, two instances', () => {
  const prefix = uniquePrefix('deadline-watch');
  let available = false;
  const stores: RedisStore[] = [];

  beforeAll(async () => {
    available = await redisAvailable();
  });

  afterAll(async () => {
    for (const s of stores) await s.close();
    if (available) await flushPrefix(prefix);
  });

  it('publishes each warning and breach once across instances', async () => {
    if (!available) {
      console.warn('skipped: Redis unavailable');
      return;
    }
    const clock = { now: new Date('2026-11-21T08:00:00Z') };
    const now = () => clock.now;
    const logger = createLogger('silent');
    const [a, b] = [
      new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION }),
      new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION }),
    ];
    stores.push(a, b);
    const settings = { ...DEFAULT_FOLLOWUP_SETTINGS, scanSeconds: 0.05 };
    const cases = new CaseService({ store: a, responseHours: DEFAULT_RESPONSE_HOURS, timeZone: 'Asia/Shanghai', followup: settings, now });
    const { case: c } = await cases.accept({
      channel: 'web',
      customerId: 'redis-cust',
      conversationId: 'redis-conv',
      issues: [{ category: 'product_quality', text: '信号差', answers: {} }],
      slots: {},
      anger: 0,
      signals: [],
      escalationRisk: false,
      wantsHuman: false,
      summary: '信号差',
      attachments: [],
      transcript: [],
    });
    const events: StaffEvent[] = [];
    await b.subscribe(STAFF_EVENTS_TOPIC, (e) => events.push(e as StaffEvent));
    const watchA = new DeadlineWatch({ store: a, logger, settings, instanceId: 'A', now });
    const watchB = new DeadlineWatch({ store: b, logger, settings, instanceId: 'B', now });
    clock.now = new Date('2026-11-21T08:55:00Z');
    await Promise.all([watchA.tick(), watchB.tick(), watchA.tick(), watchB.tick()]);
    clock.now = new Date('2026-11-21T09:05:00Z');
    await Promise.all([watchA.tick(), watchB.tick()]);
    await Promise.all([watchA.tick(), watchB.tick()]);
    await new Promise((r) => setTimeout(r, 200));
    const mine = events.filter((e) => e.resource === 'alert' && e.id === c.id);
    expect(mine.map((e) => e.type)).toEqual(['deadline-warning', 'deadline-breach']);
    expect((await b.getCase(c.id))!.deadlineEvents).toHaveLength(2);
    await watchA.stop();
    await watchB.stop();
  });
});
