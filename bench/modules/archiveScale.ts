/**
 * The operator's scale, on PostgreSQL + Redis: ARCHIVE_SCALE_CASES resolved cases over the last
 * year in the archive (default a million, seeded by bench/seedArchive.ts into a schema of their
 * own that later runs reuse) plus 60 live cases, then, over the HTTP API as the consoles call it:
 * the supervisor board, the agent queue, a year's report summary and a month's CSV export
 * (rows per second, and the server's memory while it streams).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { BenchModule, BenchResult } from '../benchModule';
import { benchCase } from '../benchCases';
import { ARCHIVE_BENCH_SECRETS } from '../benchSecrets';
import { figures, line } from '../latencyFigures';
import { BENCH_SUPERVISOR_USERS, supervisorToken, timedGets } from '../staffProbe';
import { seedArchive } from '../seedArchive';
import { BENCH_DATABASE_URL, postgresAnswers } from '../benchPostgres';
import { pgClient } from '../../src/archive/sqlClient';
import type { CaseStatus } from '../../src/domain/case';
import { createApp } from '../../src/index';
import { addDays, dayKey, daysBetween } from '../../src/domain/calendar';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

const CASES = Number(process.env.ARCHIVE_SCALE_CASES ?? 1_000_000);
const LIVE = 60;
const ROUNDS = 20;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCHEMA = `bench_archive_${CASES}`;
const TZ = 'Asia/Shanghai';

/** Seconds until the upkeep (src/archive/reportDaysUpkeep.ts) has kept every day in [from, to]. */
async function keptYear(schema: string, from: string, to: string): Promise<number> {
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  const started = performance.now();
  try {
    for (;;) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${schema}.report_days WHERE day BETWEEN $1 AND $2`, [from, to]);
      if (rows[0].n >= daysBetween(from, to) + 1) return (performance.now() - started) / 1000;
      if (performance.now() - started > 300_000) throw new Error('the report days were not kept within 5 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.end();
  }
}

/** Downloads the export, counting rows as they arrive, with the server's RSS sampled meanwhile. */
async function exportRate(url: string, token: string): Promise<{ rows: number; seconds: number; rssBeforeMb: number; rssPeakMb: number }> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}`);
  let newlines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const byte of chunk) if (byte === 0x0a) newlines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { rows: newlines - 1, seconds, rssBeforeMb: Math.round(rssBefore / 2 ** 20), rssPeakMb: Math.round(peak / 2 ** 20) };
}

export const archiveScale: BenchModule = {
  name: 'archive-scale',
  description: `board, queue, a year's report and a month's CSV with ${CASES} archived cases in PostgreSQL and ${LIVE} live ones (ARCHIVE_SCALE_CASES)`,
  async run(): Promise<BenchResult> {
    if (!(await postgresAnswers())) return { lines: ['skipped: no PostgreSQL answers at BENCH_DATABASE_URL'], figures: {} };
    if (!(await redisAnswers(REDIS_URL))) return { lines: ['skipped: no Redis answers at REDIS_URL'], figures: {} };
    const seedDb = pgClient({ url: BENCH_DATABASE_URL, schema: SCHEMA, max: 2 });
    const seeded = await seedArchive({ db: seedDb, cases: CASES, reportEvery: 100_000 });
    // The live cases of an earlier run go; this run's are written through the service below.
    await seedDb.query(`DELETE FROM cases WHERE id LIKE 'live-%'`, []);
    // Days an earlier run kept go too, so the first summary below is measured cold each run.
    await seedDb.query(`DELETE FROM report_days`, []).catch(() => undefined);
    await seedDb.close();

    const prefix = `bench:archive-scale:${randomUUID()}:`;
    const app = createApp({
      port: 0,
      host: '127.0.0.1',
      redisUrl: REDIS_URL,
      redisPrefix: prefix,
      env: {
        ...ARCHIVE_BENCH_SECRETS,
        DATABASE_URL: `${BENCH_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`,
        LOG_LEVEL: 'silent',
        BOOTSTRAP_USERS: BENCH_SUPERVISOR_USERS,
      },
    });
    await app.start();
    try {
      const statuses: CaseStatus[] = ['open', 'queued', 'active'];
      for (let i = 0; i < LIVE; i++) {
        await app.store.saveCase({
          ...benchCase(CASES + i, CASES, statuses[i % 3], new Date(Date.now() - 600_000)),
          id: `live-${i}`,
          ticketId: `TS-LIVE-${String(i).padStart(6, '0')}`,
        });
      }
      const base = `http://127.0.0.1:${app.port}`;
      const token = await supervisorToken(base);
      const today = dayKey(new Date(), TZ)!;
      const board = figures(await timedGets(`${base}/api/supervisor/conversations`, token, ROUNDS));
      const queue = figures(await timedGets(`${base}/api/cases?status=queued`, token, ROUNDS));
      const yearUrl = `${base}/api/reports/summary?from=${addDays(today, -364)}&to=${today}`;
      // Cold: nothing kept yet (as right after an import), so the year is computed from the cases.
      const yearCold = figures(await timedGets(yearUrl, token, 1));
      // Then the upkeep keeps the settled days in the background, and reports add those up.
      const keptIn = await keptYear(SCHEMA, addDays(today, -364), addDays(today, -3));
      const year = figures(await timedGets(yearUrl, token, 10));
      const csv = await exportRate(`${base}/api/reports/cases.csv?from=${addDays(today, -29)}&to=${today}`, token);
      const rowsPerSecond = Math.round(csv.rows / csv.seconds);
      // Three times the rows: flat memory means the same peak, not three times the growth.
      const quarter = await exportRate(`${base}/api/reports/cases.csv?from=${addDays(today, -89)}&to=${today}`, token);
      return {
        lines: [
          seeded.inserted
            ? `seeded ${seeded.inserted} cases in ${seeded.seconds.toFixed(0)} s`
            : `archive of ${CASES} cases reused (schema ${SCHEMA})`,
          `supervisor board:    ${line(board)}`,
          `agent queue:         ${line(queue)}`,
          `year's summary:      nothing kept yet ${yearCold.p50} ms; the upkeep kept the settled days in ${keptIn.toFixed(1)} s; then ${line(year)}`,
          `month's CSV:         ${csv.rows} rows in ${csv.seconds.toFixed(2)} s = ${rowsPerSecond} rows/s; RSS ${csv.rssBeforeMb} MB before, ${csv.rssPeakMb} MB at most while streaming`,
          `quarter's CSV:       ${quarter.rows} rows in ${quarter.seconds.toFixed(2)} s = ${Math.round(quarter.rows / quarter.seconds)} rows/s; RSS ${quarter.rssBeforeMb} MB before, ${quarter.rssPeakMb} MB at most`,
        ],
        figures: { cases: CASES, live: LIVE, board, queue, yearCold, keptIn, year, csv: { ...csv, rowsPerSecond }, quarter },
      };
    } finally {
      await app.stop();
      await deleteKeysUnder(REDIS_URL, prefix);
    }
  },
};
