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
