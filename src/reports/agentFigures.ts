import { z } from 'zod';
import type { Case } from '../domain/case';
import { acceptedBetween, agentFirstMessageAt, assignedAt, caseAgent, onTimeVerdict, resolvedAt, satisfactionScore } from './caseFacts';
import { percentile, rate, ratio, round } from './stats';
import { rateSchema, TARGETS } from './targets';

/**
 * Per-agent figures (supervisors' part of /reports): for each person who had cases of the range,
 * how many, how fast they first wrote to the customer after getting the case, how fast the
 * cases were solved, the on-time rate against each case's category deadline, the survey
 * scores, how many resolutions came back (reopened) and how often they inserted quick replies.
 *
 * Pure, one pass over the range's cases (the same case facts the desk summary reads), so the
 * SQL aggregate that later replaces it can be checked against it row by row.
 *
 * Attribution: a case belongs to one agent, the one who has it or had it last (caseAgent: the
 * owner, else the last assignment, else who resolved it); a transfer moves the whole case to
 * the new owner. Quick replies are the inserter's, whoever ends up with the case.
 */

const count = z.number().int().min(0);

/** The response shape of GET /api/reports/agents, defined once: the type below is read off it. */
export const agentFiguresSchema = z.object({
  username: z.string().describe('staff user name'),
  agentNo: z.string().nullable().describe('工号, when the cases recorded it'),
  cases: count.describe('cases of the range this agent has or had last'),
  firstResponse: z
    .object({ p50Minutes: z.number().nullable(), p90Minutes: z.number().nullable(), count })
    .describe("from the agent's first assignment to the case to their first message to the customer"),
  resolution: z.object({ p50Hours: z.number().nullable(), count }).describe('accepted → resolved, resolved cases only'),
  onTime: rateSchema(TARGETS.onTime, 'first response by a person at or before the category deadline (responseDueAt)'),
  satisfaction: z.object({ avgScore: z.number().nullable().describe('1–5'), surveys: count }),
  reopen: z.object({ value: z.number().nullable(), reopened: count, resolved: count }).describe('reopened / cases resolved at least once'),
  quickReplies: count.describe('quick-reply insertions by this agent into cases of the range'),
});
export type AgentFigures = z.infer<typeof agentFiguresSchema>;

export const agentReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  generatedAt: z.string(),
  agents: z.array(agentFiguresSchema).describe('most cases first, then by 工号'),
});
export type AgentReport = z.infer<typeof agentReportSchema>;

export interface AgentFiguresInput {
  cases: readonly Case[];
  /** First and last day (YYYY-MM-DD in timeZone), inclusive, by acceptance as in the summary. */
  from: string;
  to: string;
  now: Date;
  timeZone: string;
}

/** What one pass collects per agent before the medians are taken. */
interface Tally {
  username: string;
  agentNo?: string;
  cases: number;
  responseMinutes: number[];
  resolutionHours: number[];
  judged: number;
  onTime: number;
  scores: number[];
  everResolved: number;
  reopened: number;
  quickReplies: number;
}

export function agentFigures({ cases, from, to, now, timeZone }: AgentFiguresInput): AgentReport {
  if (to < from) throw new RangeError(`report range ends (${to}) before it starts (${from})`);
  const nowMs = now.getTime();
  const tallies = new Map<string, Tally>();
  const tallyOf = (username: string, agentNo?: string): Tally => {
    let t = tallies.get(username);
    if (!t) {
      t = {
        username,
        cases: 0,
        responseMinutes: [],
        resolutionHours: [],
        judged: 0,
        onTime: 0,
        scores: [],
        everResolved: 0,
        reopened: 0,
        quickReplies: 0,
      };
      tallies.set(username, t);
    }
    if (agentNo && !t.agentNo) t.agentNo = agentNo;
    return t;
  };

  for (const c of cases) {
    if (!acceptedBetween(c, from, to, timeZone)) continue;
    for (const use of c.quickReplyUses ?? []) {
      if (Date.parse(use.at) <= nowMs) tallyOf(use.by).quickReplies += 1;
    }
    const agent = caseAgent(c);
    if (!agent) continue; // never with a person: nobody's figure
    const t = tallyOf(agent.username, agent.agentNo);
    t.cases += 1;

    const given = assignedAt(c, agent.username);
    const wrote = given === undefined ? undefined : agentFirstMessageAt(c, agent.username, given);
    if (given !== undefined && wrote !== undefined && wrote <= nowMs) t.responseMinutes.push((wrote - given) / 60_000);

    const done = resolvedAt(c, nowMs);
    if (done !== undefined) t.resolutionHours.push(Math.max(0, done - Date.parse(c.acceptedAt)) / 3_600_000);

    const verdict = onTimeVerdict(c, nowMs);
    if (verdict !== undefined) {
      t.judged += 1;
      if (verdict) t.onTime += 1;
    }

    const score = satisfactionScore(c);
    if (score !== undefined) t.scores.push(score);

    // A reopened case keeps its first resolution: it was resolved at least once either way.
    if (c.resolution) t.everResolved += 1;
    if (c.reopened) t.reopened += 1;
  }

  const agents = [...tallies.values()].map((t): AgentFigures => ({
    username: t.username,
    agentNo: t.agentNo ?? null,
    cases: t.cases,
    firstResponse: {
      p50Minutes: round(percentile(t.responseMinutes, 0.5), 1),
      p90Minutes: round(percentile(t.responseMinutes, 0.9), 1),
      count: t.responseMinutes.length,
    },
    resolution: { p50Hours: round(percentile(t.resolutionHours, 0.5), 1), count: t.resolutionHours.length },
    onTime: rate(t.onTime, t.judged, TARGETS.onTime),
    satisfaction: {
      avgScore: t.scores.length ? round(t.scores.reduce((a, b) => a + b, 0) / t.scores.length, 2) : null,
      surveys: t.scores.length,
    },
    reopen: { value: ratio(t.reopened, t.everResolved), reopened: t.reopened, resolved: t.everResolved },
    quickReplies: t.quickReplies,
  }));
  agents.sort((a, b) => b.cases - a.cases || (a.agentNo ?? '~').localeCompare(b.agentNo ?? '~') || a.username.localeCompare(b.username));
  return { from, to, timeZone, generatedAt: now.toISOString(), agents };
}
