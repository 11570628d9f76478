import type { z } from 'zod';
import type { LoggedActivity } from '../../store/store';

/** The entries of a log read that match a schema (checked: the store is outside this process), in order, with their watermarks. */
export function matchingEntries<T>(entries: LoggedActivity[], schema: z.ZodType<T>): { watermark: number; entry: T }[] {
  const out: { watermark: number; entry: T }[] = [];
  for (const e of entries) {
    const parsed = schema.safeParse(e.activity);
    if (parsed.success) out.push({ watermark: e.watermark, entry: parsed.data });
  }
  return out;
}
