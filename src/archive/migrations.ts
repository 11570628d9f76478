import type { SqlClient } from './sqlClient';

/**
 * The archive's schema, as numbered steps applied once each, in order, and recorded in
 * `schema_migrations`. A step is never edited after it has shipped: a change is a new step.
 * Several instances may start at once, so the steps run under a transaction-scoped advisory lock.
 */
export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    id: '001_cases',
    sql: `
      CREATE TABLE cases (
        id text PRIMARY KEY,
        ticket_id text NOT NULL UNIQUE,
        status text NOT NULL,
        customer_id text NOT NULL,
        channel text NOT NULL,
        category text,
        owner text,
        -- A keyed hash of the phone number (SEARCH_KEY): the number itself is only in doc.
        phone_key text,
        accepted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        retain_until timestamptz,
        -- The whole case, sealed with DATA_KEYS: transcripts and slots are personal data.
        doc text NOT NULL
      );
      -- Live views read the open cases only; the archive of resolved ones is never scanned for them.
      CREATE INDEX cases_live ON cases (status, accepted_at DESC) WHERE status <> 'resolved';
      CREATE INDEX cases_customer ON cases (customer_id);
      CREATE INDEX cases_phone ON cases (phone_key) WHERE phone_key IS NOT NULL;
      CREATE INDEX cases_accepted ON cases (accepted_at DESC, ticket_id DESC);
      CREATE INDEX cases_report ON cases (accepted_at, category, channel, status);
      CREATE INDEX cases_retention ON cases (retain_until) WHERE retain_until IS NOT NULL;
      CREATE TABLE ticket_sequences (
        day text PRIMARY KEY,
        last integer NOT NULL
      );
    `,
  },
  {
    id: '002_case_facts',
    sql: `
      -- What reports aggregate, one narrow row per case beside the sealed one, so a year's report
      -- reads a few columns of this table and never opens a case. Written with the case.
      CREATE TABLE case_facts (
        id text PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        accepted_at timestamptz NOT NULL,
        category text,
        channel text NOT NULL,
        status text NOT NULL,
        owner text,
        response_due_at timestamptz,
        first_response_at timestamptz,
        resolved_at timestamptz,
        satisfied boolean,
        cause text
      );
      CREATE INDEX case_facts_accepted ON case_facts (accepted_at);
    `,
  },
  {
    id: '003_unarchived_resolved',
    sql: `
      -- The retention sweep's safety net (resolved but never stamped archived) without a scan.
      CREATE INDEX cases_unarchived ON cases (accepted_at) WHERE status = 'resolved' AND retain_until IS NULL;
      -- Resolved cases still owed their result notice (awaitsResultNotice in src/domain/case.ts),
      -- which the deadline watch chases; written with each case.
      ALTER TABLE cases ADD COLUMN awaiting_notice boolean NOT NULL DEFAULT false;
      CREATE INDEX cases_awaiting_notice ON cases (accepted_at) WHERE awaiting_notice;
    `,
  },
];

/** Any fixed number, the same on every instance: the lock that keeps two migrations apart. */
const MIGRATION_LOCK = 7_331_007;

/** Applies the steps this database lacks; returns their ids. */
export async function migrate(db: SqlClient, migrations: Migration[] = MIGRATIONS): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.query(m.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
