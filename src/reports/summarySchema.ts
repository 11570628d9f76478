import { z } from 'zod';
import { rateSchema, TARGETS } from './targets';

/**
 * The response of GET /api/reports/summary, defined once: summarize() returns this type and the
 * OpenAPI document is generated from it, so the two cannot drift apart.
 */
const count = z.number().int().min(0);

export const reportSummarySchema = z.object({
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
    onTime: rateSchema(TARGETS.onTime, 'first response by a person at or before responseDueAt, among cases due by now or already answered'),
    resolution: rateSchema(TARGETS.resolution, 'resolved / accepted in the range'),
    satisfaction: rateSchema(TARGETS.satisfaction, 'satisfied (score ≥ 4 or 满意) / answered surveys').extend({ answered: count }),
  }),
  topCauses: z.array(z.object({ cause: z.string(), count })),
  compliments: z
    .object({
      total: count,
      byChannel: z.record(z.string(), count),
      recent: z.array(z.object({ at: z.string(), channel: z.string(), text: z.string().describe('masked') })),
    })
    .describe('praise customers sent in the range (no tickets), the latest first'),
});

export type ReportSummary = z.infer<typeof reportSummarySchema>;
