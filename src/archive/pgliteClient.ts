import type { SqlClient, SqlQuery } from './sqlClient';

/**
 * The same SQL on an embedded PostgreSQL (PGlite: PostgreSQL compiled to WebAssembly, in a data
 * directory on disk), for a desk started with no database server: a trial keeps its cases
 * through a restart. PGlite is one connection in one process, so it suits one instance only;
 * several instances share a real PostgreSQL (DATABASE_URL).
 */

interface PGliteResults {
  rows: object[];
}
interface PGliteQueries {
  query(text: string, params?: unknown[]): Promise<PGliteResults>;
  exec(text: string): Promise<PGliteResults[]>;
}
interface PGliteDatabase extends PGliteQueries {
  readonly waitReady: Promise<void>;
  transaction<T>(work: (tx: PGliteQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgliteClientOptions {
  /** The data directory (made on first start); absent: in memory, gone with the process. */
  dataDir?: string;
}

/**
 * A query without parameters may hold several statements (the migrations): PGlite runs those
 * through exec, whose last result is the answer. With parameters it is one prepared statement,
 * as on PostgreSQL.
 */
function querying(db: PGliteQueries): SqlQuery {
  return {
    async query<R extends object>(text: string, params?: unknown[]) {
      if (params && params.length > 0) return (await db.query(text, params)) as { rows: R[] };
      const results = await db.exec(text);
      return { rows: (results[results.length - 1]?.rows ?? []) as R[] };
    },
  };
}

/** Opens on first use (start-up migrates the schema, so that is before the first request). */
export function pgliteClient(options: PgliteClientOptions = {}): SqlClient {
  let opened: Promise<PGliteDatabase> | undefined;
  const open = (): Promise<PGliteDatabase> =>
    (opened ??= (async () => {
      // Loaded only when the embedded archive is chosen: it is a 27 MB WebAssembly build.
      const { PGlite } = (await import('@electric-sql/pglite')) as unknown as { PGlite: new (dataDir?: string) => PGliteDatabase };
      const db = new PGlite(options.dataDir);
      await db.waitReady;
      return db;
    })());
  let closed: Promise<void> | undefined;
  return {
    async query<R extends object>(text: string, params?: unknown[]) {
      return querying(await open()).query<R>(text, params);
    },
    async transaction(work) {
      return (await open()).transaction((tx) => work(querying(tx)));
    },
    close: () => (closed ??= opened ? opened.then((db) => db.close()) : Promise.resolve()),
  };
}
