import { Pool, type PoolClient } from 'pg';
import { StoreUnavailableError } from '../store/storeUnavailable';

/**
 * The SQL the archive runs, on PostgreSQL through `pg` (DATABASE_URL). Kept to what PostgreSQL
 * and an embedded PostgreSQL both offer: parameterised queries and transactions.
 */
export interface SqlQuery {
  query<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface SqlClient extends SqlQuery {
  /** Runs `work` on one connection between BEGIN and COMMIT (ROLLBACK when it throws). */
  transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Errors that mean "the database is not there right now", not "this query is wrong": refused or
 * dropped connections, and PostgreSQL's connection (08…), shutdown (57P0…) and too-many-clients
 * (53300) classes. They become StoreUnavailableError, so routes answer 503 with Retry-After.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '53300'].includes(code)) return true;
  if (code.startsWith('08') || code.startsWith('57P0')) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

async function guarded<T>(work: () => Promise<T>, onUnavailable?: () => void): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      onUnavailable?.();
      throw new StoreUnavailableError(`postgres: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    throw err;
  }
}

export interface PgClientOptions {
  url: string;
  /** Tables live in this schema (created if missing): tests and several desks can share a database. */
  schema?: string;
  /** Connections kept open at most. */
  max?: number;
  /** Called for each call that failed because the database was not there (the metrics count them). */
  onUnavailable?: () => void;
}

export function pgClient(options: PgClientOptions): SqlClient {
  const pool = new Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 3000,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  });
  // An idle connection that drops (a database restart) must not end the process.
  pool.on('error', () => undefined);
  const guard = <T>(work: () => Promise<T>) => guarded(work, options.onUnavailable);
  // Made once; a failure (the database is away) is tried again on the next query.
  let schemaReady: Promise<void> | undefined;
  const ensureSchema = (): Promise<void> => {
    if (!options.schema) return Promise.resolve();
    schemaReady ??= guard(() => pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema!)}`)).then(
      () => undefined,
      (err: unknown) => {
        // Two instances creating it at the same moment: IF NOT EXISTS is not safe against that
        // race in PostgreSQL, and the loser sees a duplicate. The schema is there either way.
        const code = (err as { code?: unknown }).code;
        if (code === '23505' || code === '42P06') return;
        schemaReady = undefined;
        throw err;
      },
    );
    return schemaReady;
  };
  return {
    async query(text, params) {
      await ensureSchema();
      return guard(() => pool.query(text, params as unknown[]));
    },
    async transaction(work) {
      await ensureSchema();
      const client: PoolClient = await guard(() => pool.connect());
      try {
        await guard(() => client.query('BEGIN'));
        const result = await work({ query: (text, params) => guard(() => client.query(text, params as unknown[])) });
        await guard(() => client.query('COMMIT'));
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`not a valid schema name: ${name}`);
  return `"${name}"`;
}
