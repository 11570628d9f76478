import { ApiError, politeMessage } from '../agent/api';
import type { Session } from '../agent/model';
import type { AgentReport } from '../../reports/agentFigures';
import type { DrillPage } from '../../reports/caseDrill';
import { drillQuery, type DrillFilter } from './drill';
import { toSummary, type Summary } from './model';

/**
 * The report calls. Login, the session in sessionStorage (shared with the agent console in the
 * same tab) and the polite error texts come from the console's own api.ts.
 */
export class ReportsApi {
  constructor(
    private readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {}

  private async get(path: string, accept: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(path, {
        headers: { Authorization: `Bearer ${this.session.token}`, Accept: accept },
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, undefined, politeMessage(0));
    }
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) {
      let code: string | undefined;
      let reason: string | undefined;
      try {
        const body = (await res.json()) as { error?: { code?: string; message?: string } };
        code = body.error?.code;
        reason = body.error?.message;
      } catch {
        /* not JSON */
      }
      const message =
        res.status === 400 && reason && /before from/.test(reason) ? '结束日期不能早于开始日期。' : politeMessage(res.status, code);
      throw new ApiError(res.status, code, message);
    }
    return res;
  }

  async summary(range: { from?: string; to?: string }): Promise<Summary> {
    const res = await this.get(`/api/reports/summary${query(range)}`, 'application/json');
    return toSummary(await res.json());
  }

  /** Per-agent figures (supervisors only; the shape is the server's zod schema). */
  async agents(range: { from?: string; to?: string }): Promise<AgentReport> {
    const res = await this.get(`/api/reports/agents${query(range)}`, 'application/json');
    const body = (await res.json()) as AgentReport;
    return { ...body, agents: Array.isArray(body.agents) ? body.agents : [] };
  }

  /** One page of the cases behind a figure (supervisors only). */
  async cases(filter: DrillFilter, cursor?: string): Promise<DrillPage> {
    const res = await this.get(`/api/reports/cases?${drillQuery(filter, { cursor, limit: 50 })}`, 'application/json');
    const body = (await res.json()) as DrillPage;
    return { total: body.total ?? 0, cases: Array.isArray(body.cases) ? body.cases : [], next: body.next ?? null };
  }

  /** The CSV file as a blob, with the name the server suggests. */
  async casesCsv(range: { from?: string; to?: string }, reveal: boolean): Promise<{ blob: Blob; filename: string }> {
    const res = await this.get(`/api/reports/cases.csv${query({ ...range, ...(reveal ? { reveal: '1' } : {}) })}`, 'text/csv');
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="([^"]+)"/i.exec(disposition);
    const filename = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? '投诉工单.csv');
    return { blob: await res.blob(), filename };
  }
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
