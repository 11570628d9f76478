import { z } from 'zod';

/** Service targets (`001_…` §6), and how a rate against one is written in the API's schemas. */
export const TARGETS = { satisfaction: 0.95, onTime: 0.98, resolution: 0.99 } as const;

export function rateSchema(target: number, what: string) {
  const count = z.number().int().min(0);
  return z
    .object({
      value: z.number().nullable().describe('0…1; null when there is nothing to judge yet'),
      target: z.literal(target),
      met: z.boolean().nullable(),
      numerator: count,
      denominator: count,
    })
    .describe(what);
}
