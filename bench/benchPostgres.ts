import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL the benchmarks use (their own schemas in it): BENCH_DATABASE_URL. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers at `url` within two seconds (a benchmark skips its PostgreSQL part if not). */
export async function postgresAnswers(url = BENCH_DATABASE_URL): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `work` with a DATABASE_URL whose tables live in a schema of their own, made for it and
 * dropped afterwards; undefined (and `work` not run) when PostgreSQL does not answer.
 */
export async function withBenchSchema<T>(label: string, work: (databaseUrl: string) => Promise<T>): Promise<T | undefined> {
  if (!(await postgresAnswers())) return undefined;
  const schema = `bench_${label}_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const admin = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    return await work(`${BENCH_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
