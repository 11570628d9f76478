import { Client } from 'pg';
import { CaseArchive } from '../../src/archive/caseArchive';
import { migrate, MIGRATIONS } from '../../src/archive/migrations';
import { pgClient } from '../../src/archive/sqlClient';
import { TooManyCasesError } from '../../src/store/store';
import { isStoreUnavailable } from '../../src/store/storeUnavailable';
import { dropSchemas, postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres';
import { freePort } from '../helpers/redisServer';
import { TEST_STORE_PROTECTION } from '../helpers/redis';
import { makeCase } from '../store/storeContract';

/** The archive's own promises: migrations once and concurrently, sealed rows, an outage as StoreUnavailable. */
const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

describe('case archive on PostgreSQL', () => {
  it('migrates once, also when several instances start at the same moment', async () => {
    if (!(await postgresAvailable())) return console.warn('PostgreSQL unavailable: skipped');
    const schema = uniqueSchema('migrate');
    schemas.push(schema);
    const clients = Array.from({ length: 4 }, () => pgClient({ url: TEST_DATABASE_URL, schema, max: 2 }));
    try {
      const applied = await Promise.all(clients.map((c) => migrate(c)));
      expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await migrate(clients[0])).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('gives cases archived before report facts were kept their facts when it opens', async () => {
    if (!(await postgresAvailable())) return console.warn('PostgreSQL unavailable: skipped');
    const schema = uniqueSchema('backfill');
    schemas.push(schema);
    const first = new CaseArchive(pgClient({ url: TEST_DATABASE_URL, schema, max: 2 }), TEST_STORE_PROTECTION);
    const probe = new Client({ connectionString: TEST_DATABASE_URL });
    await probe.connect();
    try {
      await first.saveCase(
        makeCase({
          id: 'old-1',
          status: 'resolved',
          resolution: { cause: '  计费  错误 ', solution: '退费', resolvedAt: '2026-11-21T10:00:00.000Z', resolvedBy: 'boss' },
        }),
      );
      await first.saveCase(makeCase({ id: 'old-2' }));
      await first.close();
      // As a schema-001 archive held them: cases without facts.
      await probe.query(`DELETE FROM "${schema}".case_facts`);
      const second = new CaseArchive(pgClient({ url: TEST_DATABASE_URL, schema, max: 2 }), TEST_STORE_PROTECTION);
      await second.open();
      await second.close();
      const { rows } = await probe.query(`SELECT id, status, cause, resolved_at FROM "${schema}".case_facts ORDER BY id`);
      expect(rows.map((r) => [r.id, r.status, r.cause, r.resolved_at?.toISOString() ?? null])).toEqual([
        ['old-1', 'resolved', '计费 错误', '2026-11-21T10:00:00.000Z'],
        ['old-2', 'open', null, null],
      ]);
    } finally {
      await probe.end();
    }
  });

  it('refuses a listing larger than one answer may hold, instead of reading it all', async () => {
    if (!(await postgresAvailable())) return console.warn('PostgreSQL unavailable: skipped');
    const schema = uniqueSchema('cap');
    schemas.push(schema);
    const archive = new CaseArchive(pgClient({ url: TEST_DATABASE_URL, schema, max: 2 }), TEST_STORE_PROTECTION, 2);
    try {
      for (const [i, status] of (['resolved', 'resolved', 'resolved', 'queued'] as const).entries())
        await archive.saveCase(makeCase({ id: `cap-${i}`, ticketId: `TS-20261121-08${i}0`, status }));
      await expect(archive.listCases({})).rejects.toBeInstanceOf(TooManyCasesError);
      await expect(archive.listCases({ status: 'resolved' })).rejects.toThrow(/more than 2 cases match; narrow the search/);
      expect((await archive.listCases({ status: 'queued' })).map((c) => c.id)).toEqual(['cap-3']);
    } finally {
      await archive.close();
    }
  });

  it('keeps personal data sealed in the row: no phone number or transcript in plain text', async () => {
    if (!(await postgresAvailable())) return console.warn('PostgreSQL unavailable: skipped');
    const schema = uniqueSchema('sealed');
    schemas.push(schema);
    const archive = new CaseArchive(pgClient({ url: TEST_DATABASE_URL, schema, max: 2 }), TEST_STORE_PROTECTION);
    const probe = new Client({ connectionString: TEST_DATABASE_URL });
    await probe.connect();
    try {
      await archive.saveCase(
        makeCase({
          id: 'sealed-1',
          slots: { phone: '13912345678' },
          transcript: [{ from: 'customer', text: '我的身份证号是110101199003071234', at: '2026-11-21T08:00:00.000Z' }],
        }),
      );
      const { rows } = await probe.query(`SELECT * FROM "${schema}".cases`);
      const raw = JSON.stringify(rows);
      expect(rows).toHaveLength(1);
      expect(raw).not.toContain('13912345678');
      expect(raw).not.toContain('110101199003071234');
      expect((await archive.listCases({ phone: '139 1234 5678' })).map((c) => c.id)).toEqual(['sealed-1']);
    } finally {
      await probe.end();
      await archive.close();
    }
  });

  it('reports a database that is not there as StoreUnavailable, so routes answer 503', async () => {
    const port = await freePort();
    const archive = new CaseArchive(pgClient({ url: `postgres://postgres@127.0.0.1:${port}/test` }), TEST_STORE_PROTECTION);
    try {
      const failure = await archive.getCase('x').catch((err: unknown) => err);
      expect(isStoreUnavailable(failure)).toBe(true);
    } finally {
      await archive.close();
    }
  });
});
