import type { ComplimentLog } from '../../compliments/complimentLog';
import type { ServerResponse } from 'node:http';
import type { Server } from 'restify';
import { z } from 'zod';
import type { AuditLog, StaffAuth, StaffRole } from '../../auth/staffAuth';
import type { Case } from '../../domain/case';
import type { Logger } from '../../logging/logger';
import { addDays, dayKey, daysBetween } from '../../reports/calendar';
import { casesCsvChunks } from '../../reports/casesCsv';
import { scanReportSource, type ReportSource } from '../../reports/reportSource';
import { TARGETS, type ReportSummary } from '../../reports/summary';
import { HttpError, route } from '../httpError';
import { validate } from '../validate';
import { day, FIRST_REPORT_DAY, LAST_REPORT_DAY } from './daySchema';
import { jsonSchema, type OpenApiPaths } from './openapi';

/**
 * Reports for the monthly hot-spot analysis (DOMAIN.md): a summary (counts, trend, response and
 * resolution times, the three service rates against their targets, top causes) and a CSV export
 * of the cases. Both read every case accepted in [from, to] (days in the service's time zone).
 *
 * Roles: the summary takes any staff token (agent or supervisor): it is aggregates only, without
 * personal data, and teams usually see their own figures. The export is supervisors' only (an
 * agent gets 403): it has a row per case, with causes, solutions and the customer, and an agent
 * may see only its own cases and the queue (src/auth/caseAccess.ts). It always masks phone and
 * ID numbers; a supervisor may ask for them in full with `reveal=1`, which is written to the
 * audit log (action 'reveal', detail.export) before the file leaves.
 */

export const REPORTS_PATH = '/api/reports';
export const REPORT_SUMMARY_PATH = `${REPORTS_PATH}/summary`;
export const REPORT_CSV_PATH = `${REPORTS_PATH}/cases.csv`;

/** Who may read the summary. */
export const REPORT_ROLES: StaffRole[] = ['agent', 'supervisor'];
/** Who may export the cases, masked or (audited) with full phone and ID numbers. */
export const REPORT_EXPORT_ROLES: StaffRole[] = ['supervisor'];

/** Without from/to: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range one request may ask for (a little over a year: yearly reports). */
export const MAX_RANGE_DAYS = 400;

export interface ReportApiDeps {
  /** Every case (HandoffService has this method). */
  cases: { list(): Promise<Case[]> };
  /** Where the figures come from: the archive's SQL when there is one; otherwise every case above. */
  source?: ReportSource;
  auth: StaffAuth;
  audit: AuditLog;
  /** Praise customers sent (src/compliments); the summary counts and quotes it. */
  compliments?: Pick<ComplimentLog, 'between'>;
  logger: Logger;
  /** Days are counted in this zone (Asia/Shanghai by default). */
  timeZone?: string;
  now?: () => Date;
}

/**
 * Days a report may name. Cases exist from this century only, and a range reaching past year 9999
 * cannot be written as YYYY-MM-DD (from=9999-12-31 used to fail deep in the summary with a 500).
 */
export const reportRangeQuery = z.object({
  from: day.optional().describe('first day, inclusive; default: 29 days before `to`'),
  to: day.optional().describe('last day, inclusive; default: today'),
});

export const reportCsvQuery = reportRangeQuery.extend({
  reveal: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .describe('1: full phone and ID numbers (supervisors only, audited); masked otherwise'),
});

export function mountReportApi(server: Server, deps: ReportApiDeps): void {
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: 'report-api' });

  /** The asked range, with the defaults filled in; 400 when it runs backwards or is too long. */
  function rangeOf(query: { from?: string; to?: string }, at: Date): { from: string; to: string } {
    const to = query.to ?? (query.from ? maxDay(dayKey(at, timeZone)!, query.from) : dayKey(at, timeZone)!);
    const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
    if (to < from) throw new HttpError(400, 'BadRequest', `invalid query: to (${to}) is before from (${from})`);
    if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new HttpError(400, 'BadRequest', `invalid query: the range is longer than ${MAX_RANGE_DAYS} days`);
    return { from, to };
  }

  const source = deps.source ?? scanReportSource(() => deps.cases.list());

  server.get(
    REPORT_SUMMARY_PATH,
    route(log, async (req, res) => {
      await deps.auth.authenticate(req, REPORT_ROLES);
      const at = now();
      const { from, to } = rangeOf(validate(reportRangeQuery, req.query ?? {}, 'query'), at);
      const compliments = deps.compliments ? await deps.compliments.between(from, to, timeZone) : [];
      const summary: ReportSummary = await source.summary({ from, to, now: at, timeZone, compliments });
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, summary);
    }),
  );

  server.get(
    REPORT_CSV_PATH,
    route(log, async (req, res) => {
      const staff = await deps.auth.authenticate(req, REPORT_EXPORT_ROLES);
      const at = now();
      const query = validate(reportCsvQuery, req.query ?? {}, 'query');
      const { from, to } = rangeOf(query, at);
      const reveal = query.reveal === '1' || query.reveal === 'true';
      const range = { from, to, timeZone };
      if (reveal) {
        // Recorded before the file leaves: no audit entry, no unmasked export.
        await deps.audit.record({ actor: staff.username, action: 'reveal', detail: { export: 'cases.csv', from, to, rows: await source.count(range) } });
      }
      // The first chunk is read before the headers go, so a store that is away still answers 503.
      const chunks = casesCsvChunks(source.cases(range), { timeZone, reveal, now: at });
      const first = await chunks.next();
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="cases_${from}_${to}.csv"; filename*=UTF-8''${encodeURIComponent(`投诉工单_${from}_${to}.csv`)}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      await streamRest(res, first, chunks, log);
    }),
  );
}

/**
 * Writes the export as it is read, waiting for the client to take each chunk. Past the headers
 * a failure cannot become an error answer: the download is cut short (the client sees it
 * incomplete) and the failure logged. A client that leaves stops the reading.
 */
async function streamRest(res: ServerResponse, first: IteratorResult<string>, chunks: AsyncGenerator<string>, log: Logger): Promise<void> {
  try {
    for (let next = first; !next.done; next = await chunks.next()) {
      if (res.destroyed) return;
      if (!res.write(next.value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    res.end();
  } catch (err) {
    log.error({ err }, 'report export failed after it started; the download was cut short');
    res.destroy();
  } finally {
    await chunks.return(undefined);
  }
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

// ------------------------------------------------------------------- OpenAPI

const count = z.number().int().min(0);
const rate = (target: number, what: string) =>
  z
    .object({
      value: z.number().nullable().describe('0…1; null when there is nothing to judge yet'),
      target: z.literal(target),
      met: z.boolean().nullable(),
      numerator: count,
      denominator: count,
    })
    .describe(what);

const summarySchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  generatedAt: z.string(),
  counts: z.object({ byCategory: z.record(z.string(), count), byChannel: z.record(z.string(), count), total: count }),
  trend: z.object({
    unit: z.enum(['day', 'week']).describe('week (labelled by its Monday) when the range is over 31 days'),
    points: z.array(z.object({ period: z.string(), count, byCategory: z.record(z.string(), count) })),
  }),
  firstResponse: z.object({
    avgMinutes: z.number().nullable(),
    p50Minutes: z.number().nullable(),
    p90Minutes: z.number().nullable(),
    count,
    distribution: z.array(z.object({ label: z.string(), count })),
  }),
  resolution: z.object({ avgHours: z.number().nullable(), p50Hours: z.number().nullable(), count }),
  rates: z.object({
    onTime: rate(TARGETS.onTime, 'first response by a person at or before responseDueAt, among cases due by now or already answered'),
    resolution: rate(TARGETS.resolution, 'resolved / accepted in the range'),
    satisfaction: rate(TARGETS.satisfaction, 'satisfied (score ≥ 4 or 满意) / answered surveys').extend({ answered: count }),
  }),
  topCauses: z.array(z.object({ cause: z.string(), count })),
});

const rangeParams = [
  { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: `first day (YYYY-MM-DD, Asia/Shanghai, ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}), inclusive; default 29 days before \`to\`` },
  { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: `last day (${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}), inclusive; default today` },
];
const errors = {
  400: { $ref: '#/components/responses/BadRequest' },
  401: { $ref: '#/components/responses/Unauthorized' },
  403: { $ref: '#/components/responses/Forbidden' },
};

export const REPORT_API_PATHS: OpenApiPaths = {
  [REPORT_SUMMARY_PATH]: {
    get: {
      operationId: 'reportSummary',
      tags: ['reports'],
      summary: 'Counts, trend, response and resolution times, service rates against targets, top causes',
      description: `Cases accepted in [from, to] (days in the service time zone). Targets: on time ≥ ${TARGETS.onTime * 100}%, resolved ≥ ${TARGETS.resolution * 100}%, satisfied ≥ ${TARGETS.satisfaction * 100}%. Agents and supervisors. 400 when to is before from or the range is over ${MAX_RANGE_DAYS} days.`,
      parameters: rangeParams,
      responses: { 200: { description: 'The summary', content: { 'application/json': { schema: jsonSchema(summarySchema, 'output') } } }, ...errors },
    },
  },
  [REPORT_CSV_PATH]: {
    get: {
      operationId: 'exportCasesCsv',
      tags: ['reports'],
      summary: 'The cases of a range as CSV (UTF-8 with BOM, for Excel)',
      description:
        'Columns 工单号, 类别, 渠道, 状态, 受理时间, 回复时限, 首次响应, 办结时间, 原因, 解决方案, 补偿, 满意度, 客户. Supervisors only (an agent gets 403: a row per case, and an agent sees only its own cases and the queue). Phone and ID numbers masked; reveal=1 gives full numbers, which is audited. Cells that a spreadsheet would run as formulas are prefixed with an apostrophe.',
      parameters: [
        ...rangeParams,
        { name: 'reveal', in: 'query', required: false, schema: { type: 'string', enum: ['0', '1', 'true', 'false'] }, description: '1: full numbers (audited)' },
      ],
      responses: { 200: { description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
    },
  },
};
