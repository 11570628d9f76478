import type { ComplimentLog } from '../../compliments/complimentLog';
import type { ServerResponse } from 'node:http';
import type { Server } from 'restify';
import { z } from 'zod';
import type { AuditLog, StaffAuth, StaffRole } from '../../auth/staffAuth';
import { usernameSchema } from '../../domain/staffAccounts';
import { CASE_STATUSES, type Case } from '../../domain/case';
import { CATEGORY_IDS } from '../../domain/category';
import { channelIdSchema, type ChannelRegistry } from '../../domain/channels';
import type { Logger } from '../../logging/logger';
import { addDays, dayKey, daysBetween } from '../../domain/calendar';
import { casesCsvChunks } from '../../reports/casesCsv';
import { MAX_LISTED_CASES, TooManyCasesError } from '../../store/store';
import { agentFigures, agentReportSchema, type AgentReport } from '../../reports/agentFigures';
import { drillCases, drillPageSchema, drillRow, type DrillPage } from '../../reports/caseDrill';
import { scanReportSource, type ReportSource } from '../../reports/reportSource';
import { RESPONSE_BUCKETS, UNCATEGORIZED, type ReportSummary } from '../../reports/summary';
import { reportSummarySchema } from '../../reports/summarySchema';
import { TARGETS } from '../../reports/targets';
import { HttpError, route } from '../httpError';
import { checkChannelFilter } from './caseSchemas';
import { validate } from '../validate';
import { day, FIRST_REPORT_DAY, LAST_REPORT_DAY } from './daySchema';
import { jsonSchema, type OpenApiPaths } from './openapi';
import { pageAt } from './paging';

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
 *
 * The per-agent figures (GET /agents) and the drill-down (GET /cases: the cases behind a chart's
 * bar or a table cell, paged, phone masked) are supervisors' only too: they are about named
 * colleagues and single cases.
 */

export const REPORTS_PATH = '/api/reports';
export const REPORT_SUMMARY_PATH = `${REPORTS_PATH}/summary`;
export const REPORT_CSV_PATH = `${REPORTS_PATH}/cases.csv`;
export const REPORT_AGENTS_PATH = `${REPORTS_PATH}/agents`;
export const REPORT_CASES_PATH = `${REPORTS_PATH}/cases`;

/** Who may read the summary. */
export const REPORT_ROLES: StaffRole[] = ['agent', 'supervisor'];
/**
 * Who may read figures about people or single cases: the export (masked or, audited, with full
 * numbers), the per-agent figures (colleagues' performance) and the drill-down lists.
 */
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
  /** The desk's channels: a drill-down names one of them (or the stand-in for an unclaimed id). */
  channels: Pick<ChannelRegistry, 'has'>;
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

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** Most drill-down rows one page carries. */
export const DRILL_PAGE_MAX = 200;

export const reportCasesQuery = reportRangeQuery.extend({
  category: z.enum([...CATEGORY_IDS, UNCATEGORIZED]).optional(),
  // Checked against the registry in the route: a built-in channel stays registered while switched
  // off, so its archived cases can still be drilled into.
  channel: channelIdSchema.optional().describe('a channel id (GET /api/channels), as the summary counts them by channel'),
  agent: usernameSchema.optional().describe('user name: cases that are (or were last) with this agent'),
  status: z.enum(CASE_STATUSES).optional(),
  onTime: flag.describe('true: first response within the category deadline; false: missed it'),
  reopened: flag.describe('true: reopened after a resolution'),
  responseBucket: z.coerce
    .number()
    .int()
    .min(0)
    .max(RESPONSE_BUCKETS.length - 1)
    .optional()
    .describe('bar of the first-response histogram, 0 = 15分钟内'),
  cause: z.string().trim().min(1).max(300).optional().describe('a cause from topCauses'),
  limit: z.coerce.number().int().min(1).max(DRILL_PAGE_MAX).default(50),
  cursor: z.string().max(200).optional().describe('`next` of the previous page'),
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
    if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
      throw new HttpError(400, 'BadRequest', `invalid query: the range is longer than ${MAX_RANGE_DAYS} days`);
    return { from, to };
  }

  const source = deps.source ?? scanReportSource(() => deps.cases.list());

  /**
   * The range's cases from the source: over the archive, only those days are read, and a range
   * holding more than one answer may (a year of a province) is refused, not read into memory.
   */
  async function casesIn(from: string, to: string): Promise<Case[]> {
    const cases: Case[] = [];
    for await (const c of source.cases({ from, to, timeZone })) {
      if (cases.length === MAX_LISTED_CASES) throw new TooManyCasesError(MAX_LISTED_CASES);
      cases.push(c);
    }
    return cases;
  }

  /** A JSON report over the range: who may read it, its query, and what it computes (reading the cases only if it needs them). */
  function jsonReport<Q extends typeof reportRangeQuery>(
    path: string,
    roles: StaffRole[],
    querySchema: Q,
    compute: (input: { query: z.infer<Q>; from: string; to: string; cases: () => Promise<Case[]>; at: Date }) => Promise<unknown> | unknown,
  ): void {
    server.get(
      path,
      route(log, async (req, res) => {
        await deps.auth.authenticate(req, roles);
        const at = now();
        const query = validate(querySchema, req.query ?? {}, 'query');
        const { from, to } = rangeOf(query, at);
        const body = await compute({ query, from, to, cases: () => casesIn(from, to), at });
        res.setHeader('Cache-Control', 'no-store');
        res.send(200, body);
      }),
    );
  }

  // The summary is the source's own: SQL aggregates over the archive, never its cases.
  jsonReport(REPORT_SUMMARY_PATH, REPORT_ROLES, reportRangeQuery, async ({ from, to, at }): Promise<ReportSummary> => {
    const compliments = deps.compliments ? await deps.compliments.between(from, to, timeZone) : [];
    return source.summary({ from, to, now: at, timeZone, compliments });
  });

  jsonReport(REPORT_AGENTS_PATH, REPORT_EXPORT_ROLES, reportRangeQuery, async ({ from, to, cases, at }): Promise<AgentReport> =>
    agentFigures({ cases: await cases(), from, to, now: at, timeZone }),
  );

  jsonReport(REPORT_CASES_PATH, REPORT_EXPORT_ROLES, reportCasesQuery, async ({ query, from, to, cases, at }): Promise<DrillPage> => {
    const { limit, cursor, ...filter } = query;
    checkChannelFilter(deps.channels, filter.channel);
    const matching = drillCases(await cases(), { ...filter, from, to }, at, timeZone);
    const { page, next } = pageAt(matching, limit, cursor);
    return { total: matching.length, cases: page.map((c) => drillRow(c, at.getTime())), next: next ?? null };
  });

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
        await deps.audit.record({
          actor: staff.username,
          action: 'reveal',
          detail: { export: 'cases.csv', from, to, rows: await source.count(range) },
        });
      }
      // The first chunk is read before the headers go, so a store that is away still answers 503.
      const chunks = casesCsvChunks(source.exportRows(range), { timeZone, reveal, now: at });
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

const rangeParams = [
  {
    name: 'from',
    in: 'query',
    required: false,
    schema: { type: 'string', format: 'date' },
    description: `first day (YYYY-MM-DD, Asia/Shanghai, ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}), inclusive; default 29 days before \`to\``,
  },
  {
    name: 'to',
    in: 'query',
    required: false,
    schema: { type: 'string', format: 'date' },
    description: `last day (${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}), inclusive; default today`,
  },
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
      responses: {
        200: { description: 'The summary', content: { 'application/json': { schema: jsonSchema(reportSummarySchema, 'output') } } },
        ...errors,
      },
    },
  },
  [REPORT_AGENTS_PATH]: {
    get: {
      operationId: 'reportAgents',
      tags: ['reports'],
      summary: 'Per-agent figures: cases, first response and resolution times, on-time rate, satisfaction, reopen rate, quick replies',
      description:
        "Cases accepted in [from, to], each counted for the agent who has or had it last. First response runs from that agent's assignment to their first message. Supervisors only (an agent gets 403).",
      parameters: rangeParams,
      responses: {
        200: { description: 'One row per agent', content: { 'application/json': { schema: jsonSchema(agentReportSchema, 'output') } } },
        ...errors,
      },
    },
  },
  [REPORT_CASES_PATH]: {
    get: {
      operationId: 'reportCases',
      tags: ['reports'],
      summary: 'The cases behind a figure of the report (drill-down), paged, phone masked',
      description: `Filters combine; each judges as the figure was counted. Supervisors only (an agent gets 403). limit 1–${DRILL_PAGE_MAX} (default 50); pass \`next\` as \`cursor\` for the following page. 400 with the reason for a bad value.`,
      parameters: [
        ...rangeParams,
        ...['category', 'channel', 'agent', 'status', 'onTime', 'reopened', 'responseBucket', 'cause', 'limit', 'cursor'].map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
      ],
      responses: {
        200: { description: 'A page of cases', content: { 'application/json': { schema: jsonSchema(drillPageSchema, 'output') } } },
        ...errors,
      },
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
        {
          name: 'reveal',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['0', '1', 'true', 'false'] },
          description: '1: full numbers (audited)',
        },
      ],
      responses: { 200: { description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
    },
  },
};
