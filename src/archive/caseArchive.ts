import { awaitsResultNotice, type Case } from '../domain/case';
import type { DataCipher } from '../privacy/dataCipher';
import type { SearchKeys } from '../privacy/searchKeys';
import { matchesFilter, newestFirst } from '../store/caseFilter';
import { MAX_LISTED_CASES, TooManyCasesError, type CaseFilter, type LoggedActivity } from '../store/store';
import { migrate } from './migrations';
import type { SqlClient } from './sqlClient';
import type { ReportSource } from '../reports/reportSource';
import { archiveReportSource } from './archiveReports';
import { caseFactsRow, FACT_COLUMNS, type CaseFactsRow } from './caseFactsRow';
import { csvDetailsOf } from '../reports/csvCase';

const FACT_TYPES: Record<(typeof FACT_COLUMNS)[number], string> = {
  accepted_at: 'timestamptz',
  category: 'text',
  channel: 'text',
  status: 'text',
  owner: 'text',
  response_due_at: 'timestamptz',
  first_response_at: 'timestamptz',
  resolved_at: 'timestamptz',
  satisfied: 'boolean',
  cause: 'text',
};
const UPSERT_FACTS = `INSERT INTO case_facts (id, ${FACT_COLUMNS.join(', ')})`;
const ON_FACTS_CONFLICT = `ON CONFLICT (id) DO UPDATE SET ${FACT_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
/** "$13::timestamptz, $14::text, …": typed, because in a SELECT list PostgreSQL cannot infer them. */
function factParams(first: number): string {
  return FACT_COLUMNS.map((c, i) => `$${first + i}::${FACT_TYPES[c]}`).join(', ');
}
function factValues(f: CaseFactsRow): unknown[] {
  return FACT_COLUMNS.map((c) => f[c]);
}

/**
 * Cases in PostgreSQL: the system of record. Each case is one row, its facts for filtering and
 * reports in plain columns and the whole case sealed (DATA_KEYS) in `doc`. Reads by status,
 * customer and phone go through indexes, so live views never scan the archive.
 */
export class CaseArchive {
  private migrated?: Promise<void>;

  constructor(
    private readonly db: SqlClient,
    private readonly protection: { cipher: DataCipher; searchKeys: SearchKeys },
    /** Most cases one listing may return (TooManyCasesError beyond). */
    private readonly maxListed = MAX_LISTED_CASES,
  ) {}

  /** Brings the schema up to date (once per process; again after a failure). */
  open(): Promise<void> {
    this.migrated ??= migrate(this.db).then(
      () => this.backfillFacts(),
      (err: unknown) => {
        this.migrated = undefined;
        throw err;
      },
    );
    return this.migrated;
  }

  async nextTicketSequence(day: string): Promise<number> {
    await this.open();
    const { rows } = await this.db.query<{ last: number }>(
      `INSERT INTO ticket_sequences (day, last) VALUES ($1, 1)
       ON CONFLICT (day) DO UPDATE SET last = ticket_sequences.last + 1 RETURNING last`,
      [day],
    );
    return rows[0].last;
  }

  async saveCase(c: Case): Promise<void> {
    await this.open();
    const phoneKey = c.slots.phone ? this.protection.searchKeys.phoneKey(c.slots.phone) : null;
    const f = caseFactsRow(c);
    // One statement: the case and its report facts are written together or not at all.
    await this.db.query(
      `WITH saved AS (
         INSERT INTO cases (id, ticket_id, status, customer_id, channel, category, owner, phone_key, accepted_at, updated_at, retain_until, doc, awaiting_notice, export_doc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, status = EXCLUDED.status, customer_id = EXCLUDED.customer_id,
           channel = EXCLUDED.channel, category = EXCLUDED.category, owner = EXCLUDED.owner, phone_key = EXCLUDED.phone_key,
           accepted_at = EXCLUDED.accepted_at, updated_at = EXCLUDED.updated_at, retain_until = EXCLUDED.retain_until, doc = EXCLUDED.doc,
           awaiting_notice = EXCLUDED.awaiting_notice, export_doc = EXCLUDED.export_doc
         RETURNING id)
       ${UPSERT_FACTS} SELECT id, ${factParams(15)} FROM saved
       ${ON_FACTS_CONFLICT}`,
      [
        c.id,
        c.ticketId,
        c.status,
        c.customerId,
        c.channel,
        c.category ?? null,
        c.owner ?? null,
        phoneKey,
        c.acceptedAt,
        c.updatedAt,
        c.retainUntil ?? null,
        this.protection.cipher.seal(c),
        awaitsResultNotice(c),
        this.protection.cipher.seal(csvDetailsOf(c)),
        ...factValues(f),
      ],
    );
  }

  /**
   * Cases archived before their report facts were kept (schema 001) get them now: read, opened
   * and written in batches, once.
   */
  private async backfillFacts(): Promise<void> {
    for (;;) {
      const { rows } = await this.db.query<{ doc: string }>(
        'SELECT c.doc FROM cases c LEFT JOIN case_facts f ON f.id = c.id WHERE f.id IS NULL LIMIT 500',
        [],
      );
      if (rows.length === 0) return;
      for (const r of rows) {
        const f = caseFactsRow(this.protection.cipher.open<Case>(r.doc));
        await this.db.query(`${UPSERT_FACTS} VALUES ($1, ${factParams(2)}) ${ON_FACTS_CONFLICT}`, [f.id, ...factValues(f)]);
      }
    }
  }

  async getCase(id: string): Promise<Case | undefined> {
    return this.one('SELECT doc FROM cases WHERE id = $1', [id]);
  }

  async getCaseByTicket(ticketId: string): Promise<Case | undefined> {
    return this.one('SELECT doc FROM cases WHERE ticket_id = $1', [ticketId]);
  }

  async listCases(filter: CaseFilter = {}): Promise<Case[]> {
    await this.open();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (column: string, value: unknown) => {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    if (filter.status) add('status', filter.status);
    if (filter.customerId) add('customer_id', filter.customerId);
    if (filter.phone) add('phone_key', this.protection.searchKeys.phoneKey(filter.phone));
    // Retention through its index: archived rows carry retain_until, the rest have none.
    if (filter.retainedUntilBefore) {
      params.push(filter.retainedUntilBefore);
      where.push(`retain_until <= $${params.length}`);
    }
    if (filter.unarchivedResolved) where.push(`status = 'resolved' AND retain_until IS NULL`);
    if (filter.awaitingResultNotice) where.push('awaiting_notice');
    // One more than may be answered: a listing of years of cases is refused, not read into memory.
    const { rows } = await this.db.query<{ doc: string }>(
      `SELECT doc FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY accepted_at DESC, ticket_id DESC LIMIT ${this.maxListed + 1}`,
      params,
    );
    if (rows.length > this.maxListed) throw new TooManyCasesError(this.maxListed);
    // The same last word on filtering and order as every other store (caseFilter.ts).
    return rows
      .map((r) => this.protection.cipher.open<Case>(r.doc))
      .filter((c) => matchesFilter(c, filter))
      .sort(newestFirst);
  }

  async deleteCase(id: string): Promise<void> {
    await this.open();
    await this.db.query('DELETE FROM cases WHERE id = $1', [id]);
  }

  /**
   * Appends to a durable log (the audit trail, the compliments), sealed like the cases; returns
   * its watermark. The first entry of a log is numbered `firstWatermark()` (entries kept
   * elsewhere before), the next ones on from it, by one counter row per log.
   */
  async appendLog(logId: string, entry: Record<string, unknown>, firstWatermark: () => Promise<number>): Promise<number> {
    await this.open();
    const sealed = this.protection.cipher.seal(entry);
    const next = await this.db.query<{ seq: number }>(
      `WITH head AS (UPDATE durable_log_heads SET last = last + 1 WHERE log_id = $1 RETURNING last)
       INSERT INTO durable_logs (log_id, seq, entry) SELECT $1, last, $2 FROM head RETURNING seq`,
      [logId, sealed],
    );
    if (next.rows.length) return next.rows[0].seq;
    const first = await firstWatermark();
    // Two first entries at once: the counter row is made once, and the second numbers on after it.
    const { rows } = await this.db.query<{ seq: number }>(
      `WITH head AS (
         INSERT INTO durable_log_heads (log_id, last) VALUES ($1, $3)
         ON CONFLICT (log_id) DO UPDATE SET last = durable_log_heads.last + 1 RETURNING last)
       INSERT INTO durable_logs (log_id, seq, entry) SELECT $1, last, $2 FROM head RETURNING seq`,
      [logId, sealed, first],
    );
    return rows[0].seq;
  }

  /** A durable log's entries with watermark > after. */
  async readLog(logId: string, after: number): Promise<LoggedActivity[]> {
    await this.open();
    const { rows } = await this.db.query<{ seq: number; entry: string }>(
      'SELECT seq, entry FROM durable_logs WHERE log_id = $1 AND seq > $2 ORDER BY seq',
      [logId, after],
    );
    return rows.map((r) => ({ watermark: r.seq, activity: this.protection.cipher.open<Record<string, unknown>>(r.entry) }));
  }

  /** Reports as SQL over the archive (src/archive/archiveReports.ts). */
  reports(exportBatch?: number): ReportSource {
    return archiveReportSource(this.db, this.protection.cipher, () => this.open(), exportBatch);
  }

  /** Answers within about a second or throws (for /healthz). */
  async ping(): Promise<void> {
    await Promise.race([
      this.db.query('SELECT 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('postgres did not answer within 1 s')), 1000).unref()),
    ]);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private async one(sql: string, params: unknown[]): Promise<Case | undefined> {
    await this.open();
    const { rows } = await this.db.query<{ doc: string }>(sql, params);
    return rows[0] ? this.protection.cipher.open<Case>(rows[0].doc) : undefined;
  }
}
