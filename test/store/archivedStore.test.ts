import { CaseArchive } from '../../src/archive/caseArchive';
import { pgliteClient } from '../../src/archive/pgliteClient';
import { pgClient, type SqlClient } from '../../src/archive/sqlClient';
import { ArchivedStore } from '../../src/archive/archivedStore';
import { MemoryStore } from '../../src/store/memoryStore';
import { RedisStore } from '../../src/store/redisStore';
import type { Store } from '../../src/store/store';
import { dropSchemas, postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres';
import { flushPrefix, redisAvailable, TEST_REDIS_URL, TEST_STORE_PROTECTION, uniquePrefix } from '../helpers/redis';
import { storeContract } from './storeContract';

/** The archive (cases in PostgreSQL) under the same contract, with each live store beside it. */
const schemas: string[] = [];
const prefixes: string[] = [];

async function archived(live: () => Promise<Store | undefined>): Promise<Store | undefined> {
  if (!(await postgresAvailable())) return undefined;
  const liveStore = await live();
  if (!liveStore) return undefined;
  const schema = uniqueSchema('store');
  schemas.push(schema);
  const store = new ArchivedStore(liveStore, new CaseArchive(pgClient({ url: TEST_DATABASE_URL, schema, max: 4 }), TEST_STORE_PROTECTION));
  await store.open();
  return store;
}

// The embedded default (PGlite, in memory here): one database for the suite, its schema
// emptied before each test, because starting PGlite takes seconds.
let embedded: SqlClient | undefined;
storeContract('memory + embedded PostgreSQL (PGlite)', async () => {
  embedded ??= pgliteClient();
  await embedded.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
  const shared: SqlClient = { query: embedded.query, transaction: embedded.transaction, close: async () => undefined };
  const store = new ArchivedStore(new MemoryStore(), new CaseArchive(shared, TEST_STORE_PROTECTION));
  await store.open();
  return store;
});

storeContract('memory + PostgreSQL', () => archived(async () => new MemoryStore()));

storeContract('redis + PostgreSQL', () =>
  archived(async () => {
    if (!(await redisAvailable())) return undefined;
    const prefix = uniquePrefix('archived');
    prefixes.push(prefix);
    const store = new RedisStore({ url: TEST_REDIS_URL, prefix, ...TEST_STORE_PROTECTION });
    await store.ready();
    return store;
  }),
);

describe('durable logs kept by a live store before the archive', () => {
  it('are read first, and the archive numbers on after them', async () => {
    embedded ??= pgliteClient();
    await embedded.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    const shared: SqlClient = { query: embedded.query, transaction: embedded.transaction, close: async () => undefined };
    const live = new MemoryStore();
    await live.appendDurable('audit:all', { action: 'login', by: 'before' });
    await live.appendDurable('audit:all', { action: 'reveal', by: 'before' });
    const store = new ArchivedStore(live, new CaseArchive(shared, TEST_STORE_PROTECTION));
    await store.open();
    expect(await store.appendDurable('audit:all', { action: 'claim', by: 'after' })).toBe(2);
    expect(await store.appendDurable('audit:all', { action: 'resolve', by: 'after' })).toBe(3);
    // The new entries are in the archive, not the live store.
    expect(await live.readDurable('audit:all', 1)).toEqual([]);
    const all = await store.readDurable('audit:all', -1);
    expect(all.map((e) => [e.watermark, e.activity.by])).toEqual([
      [0, 'before'],
      [1, 'before'],
      [2, 'after'],
      [3, 'after'],
    ]);
    expect((await store.readDurable('audit:all', 1)).map((e) => e.watermark)).toEqual([2, 3]);
  });
});

afterAll(async () => {
  await embedded?.close();
  if (schemas.length) await dropSchemas(schemas);
  for (const p of prefixes) await flushPrefix(p);
});
