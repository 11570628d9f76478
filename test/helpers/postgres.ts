import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * PostgreSQL for tests (the archive). Locally a missing database skips those suites with a
 * notice; in CI (CI=true) it is a failure, because they must run there. Each suite works in a
 * schema of its own, dropped afterwards, so runs can share one database.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<boolean> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL is required in CI but ${TEST_DATABASE_URL} does not answer: ${String(err)}`, { cause: err });
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function uniqueSchema(label: string): string {
  return `cdtest_${label}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

export async function dropSchemas(schemas: string[]): Promise<void> {
  if (!schemas.length) return;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A DATABASE_URL whose tables live in a new schema of their own (made here; pass the returned
 * schema to dropSchemas afterwards): what a desk under test is started with.
 */
export async function schemaDatabaseUrl(label: string): Promise<{ url: string; schema: string }> {
  const schema = uniqueSchema(label);
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  return { url: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, schema };
}
