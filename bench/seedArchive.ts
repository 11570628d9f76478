/**
 * Fills a PostgreSQL archive with resolved cases spread over the last year, as a province's desk
 * would have them: `node dist/bench/seedArchive.js --cases 1000000 [--url postgres://…] [--schema s]`.
 * Rows are the ones the service writes (sealed case, report facts, phone index), inserted in
 * batches through unnest() so a million takes minutes, not hours. The archive-scale benchmark
 * calls it; it can also fill a staging database to try the consoles against.
 */
import { performance } from 'node:perf_hooks';
import { caseFactsRow, FACT_COLUMNS } from '../src/archive/caseFactsRow';
import { migrate } from '../src/archive/migrations';
import { pgClient, type SqlClient } from '../src/archive/sqlClient';
import { loadConfig } from '../src/config/env';
import { csvDetailsOf } from '../src/reports/csvCase';
import { storeProtection, type StoreProtection } from '../src/config/secrets';
import { benchCase } from './benchCases';
import { ARCHIVE_BENCH_SECRETS } from './benchSecrets';

const BATCH = 2000;
const DAY_MS = 86_400_000;

const CASE_COLUMNS = [
  'id',
  'ticket_id',
  'status',
  'customer_id',
  'channel',
  'category',
  'owner',
  'phone_key',
  'accepted_at',
  'updated_at',
  'retain_until',
  'doc',
  'export_doc',
] as const;
const CASE_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'text',
  'text',
];
const FACT_TYPES = ['text', 'timestamptz', 'text', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'timestamptz', 'boolean', 'text'];

function unnestInsert(table: string, columns: readonly string[], types: string[]): string {
  const arrays = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays})`;
}
const INSERT_CASES = unnestInsert('cases', CASE_COLUMNS, CASE_TYPES);
const INSERT_FACTS = unnestInsert('case_facts', ['id', ...FACT_COLUMNS], FACT_TYPES);

export interface SeedOptions {
  db: SqlClient;
  cases: number;
  /** Counted back from here: case i is accepted (i mod 365) days before it, at a time of day of its own. */
  now?: Date;
  protection?: StoreProtection;
  /** Progress every this many cases (to stderr); 0: silent. */
  reportEvery?: number;
}

/** Seeds `cases` resolved cases (ids and tickets prefixed "seed-"), after the ones already there. */
export async function seedArchive(options: SeedOptions): Promise<{ seconds: number; inserted: number }> {
  const { db, cases } = options;
  const protection = options.protection ?? storeProtection(loadConfig(ARCHIVE_BENCH_SECRETS));
  const now = (options.now ?? new Date()).getTime();
  await migrate(db);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id LIKE 'seed-%'`, []);
  const have = rows[0].n;
  const started = performance.now();
  const customers = Math.max(1, Math.floor(cases / 3));
  for (let i = have; i < cases; i += BATCH) {
    const caseCols: unknown[][] = CASE_COLUMNS.map(() => []);
    const factCols: unknown[][] = ['id', ...FACT_COLUMNS].map(() => []);
    for (let j = i; j < Math.min(i + BATCH, cases); j++) {
      const at = new Date(now - (j % 365) * DAY_MS - (j % 86_400) * 1000 - 3_600_000);
      const c = { ...benchCase(j, customers, 'resolved', at), id: `seed-${j}`, ticketId: `TS-SEED-${String(j).padStart(8, '0')}` };
      const values = [
        c.id,
        c.ticketId,
        c.status,
        c.customerId,
        c.channel,
        c.category ?? null,
        c.owner ?? null,
        c.slots.phone ? protection.searchKeys.phoneKey(c.slots.phone) : null,
        c.acceptedAt,
        c.updatedAt,
        c.retainUntil ?? null,
        protection.cipher.seal(c),
        protection.cipher.seal(csvDetailsOf(c)),
      ];
      values.forEach((v, k) => caseCols[k].push(v));
      const f = caseFactsRow(c);
      [f.id, ...FACT_COLUMNS.map((k) => f[k])].forEach((v, k) => factCols[k].push(v));
    }
    await db.transaction(async (tx) => {
      await tx.query(INSERT_CASES, caseCols);
      await tx.query(INSERT_FACTS, factCols);
    });
    const done = Math.min(i + BATCH, cases);
    if (options.reportEvery && done % options.reportEvery < BATCH) {
      process.stderr.write(`seeded ${done} of ${cases} (${Math.round((done - have) / ((performance.now() - started) / 1000))} cases/s)\n`);
    }
  }
  // Fresh statistics, or the planner guesses about a table that grew a million rows at once.
  await db.query('ANALYZE cases', []);
  await db.query('ANALYZE case_facts', []);
  return { seconds: (performance.now() - started) / 1000, inserted: Math.max(0, cases - have) };
}

if (require.main === module) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const url = arg('url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const schema = arg('schema', 'bench_archive');
  const cases = Number(arg('cases', '1000000'));
  const db = pgClient({ url, schema, max: 2 });
  seedArchive({ db, cases, reportEvery: 50_000 })
    .then(({ seconds, inserted }) => console.log(`${inserted} cases seeded in ${seconds.toFixed(1)} s (schema ${schema})`))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => db.close());
}
