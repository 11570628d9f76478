import { RedisStore } from '../../src/store/redisStore';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { storeContract } from './storeContract';

const prefixes: string[] = [];

storeContract('redis', async () => {
  if (!(await redisAvailable())) return undefined;
  const prefix = uniquePrefix('store');
  prefixes.push(prefix);
  const store = new RedisStore({ url: TEST_REDIS_URL, prefix });
  await store.ready();
  return store;
});

afterAll(async () => {
  if (await redisAvailable()) for (const p of prefixes) await flushPrefix(p);
});
