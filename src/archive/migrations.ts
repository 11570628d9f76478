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
  {
    id: '004_report_days',
    sql: `
      -- The report's figures per calendar day (in a report time zone), kept for days that will not
      -- change any more (src/archive/reportDays.ts): a year's report adds up ~365 small rows per
      -- kind instead of aggregating a million cases. A row is valid for any report time from
      -- stable_from on; a write to one of the day's cases deletes the day (the triggers below).
      CREATE TABLE report_days (
        zone text NOT NULL,
        day date NOT NULL,
        day_start timestamptz NOT NULL,
        day_end timestamptz NOT NULL,
        -- The latest time any of the day's figures depends on (a response, a deadline, a resolution).
        stable_from timestamptz NOT NULL,
        PRIMARY KEY (zone, day)
      );
      CREATE INDEX report_days_span ON report_days (day_start, day_end);
      -- Counts and sums by category and channel.
      CREATE TABLE report_day_groups (
        zone text NOT NULL,
        day date NOT NULL,
        category text NOT NULL,
        channel text NOT NULL,
        n integer NOT NULL,
        responded integer NOT NULL,
        response_sum float8 NOT NULL,
        buckets integer[] NOT NULL,
        resolved integer NOT NULL,
        resolution_sum float8 NOT NULL,
        on_time integer NOT NULL,
        due_or_responded integer NOT NULL,
        answered integer NOT NULL,
        satisfied integer NOT NULL,
        FOREIGN KEY (zone, day) REFERENCES report_days ON DELETE CASCADE
      );
      CREATE INDEX report_day_groups_day ON report_day_groups (zone, day);
      -- How many cases took each tenth (of a minute to a first response, of an hour to a
      -- resolution): the percentiles walk these counts.
      CREATE TABLE report_day_tenths (
        zone text NOT NULL,
        day date NOT NULL,
        metric text NOT NULL,
        tenths integer NOT NULL,
        n integer NOT NULL,
        FOREIGN KEY (zone, day) REFERENCES report_days ON DELETE CASCADE
      );
      CREATE INDEX report_day_tenths_day ON report_day_tenths (zone, day);
      CREATE TABLE report_day_causes (
        zone text NOT NULL,
        day date NOT NULL,
        cause text NOT NULL,
        n integer NOT NULL,
        FOREIGN KEY (zone, day) REFERENCES report_days ON DELETE CASCADE
      );
      CREATE INDEX report_day_causes_day ON report_day_causes (zone, day);

      -- A write to a case accepted more than half an hour ago forgets the day it belongs to.
      -- The functions keep the archive's schema as their search path, so a write through any
      -- connection (one that names the tables with their schema, say) finds them.
      -- Days are kept only once they ended two hours ago, so today's writes never reach this
      -- (and never wait). The shared lock keeps such a write from slipping past a day being
      -- kept at the same moment, which holds the lock exclusively (reportDays.ts).
      CREATE FUNCTION report_days_forget(accepted timestamptz[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
      BEGIN
        IF EXISTS (SELECT 1 FROM unnest(accepted) a WHERE a < now() - interval '30 minutes') THEN
          PERFORM pg_advisory_xact_lock_shared(7331004);
          DELETE FROM report_days d USING unnest(accepted) a WHERE a >= d.day_start AND a < d.day_end;
        END IF;
      END $f$;
      CREATE FUNCTION case_facts_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
      BEGIN
        PERFORM report_days_forget(ARRAY(SELECT accepted_at FROM new_rows));
        RETURN NULL;
      END $f$;
      CREATE FUNCTION case_facts_updated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
      BEGIN
        PERFORM report_days_forget(ARRAY(SELECT accepted_at FROM new_rows UNION SELECT accepted_at FROM old_rows));
        RETURN NULL;
      END $f$;
      CREATE FUNCTION case_facts_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
      BEGIN
        PERFORM report_days_forget(ARRAY(SELECT accepted_at FROM old_rows));
        RETURN NULL;
      END $f$;
      CREATE TRIGGER case_facts_forget_inserted AFTER INSERT ON case_facts
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_inserted();
      CREATE TRIGGER case_facts_forget_updated AFTER UPDATE ON case_facts
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_updated();
      CREATE TRIGGER case_facts_forget_deleted AFTER DELETE ON case_facts
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_facts_deleted();
    `,
  },
  {
    id: '005_export_doc',
    sql: `
      -- What the case export shows of a case beyond these columns (src/reports/csvCase.ts), sealed
      -- with DATA_KEYS like doc: a few hundred bytes to open per exported row instead of the whole
      -- case. Written with the case; rows from before have none, and the export opens doc for them.
      ALTER TABLE cases ADD COLUMN export_doc text;
    `,
  },
  {
    id: '006_durable_logs',
    sql: `
      -- The durable logs (the audit trail, the compliments), kept with the cases they concern.
      -- Entries are sealed with DATA_KEYS; each log numbers its entries 0, 1, 2, … by its head.
      CREATE TABLE durable_log_heads (
        log_id text PRIMARY KEY,
        last integer NOT NULL
      );
      CREATE TABLE durable_logs (
        log_id text NOT NULL,
        seq integer NOT NULL,
        entry text NOT NULL,
        PRIMARY KEY (log_id, seq)
      );
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
