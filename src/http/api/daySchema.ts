import { z } from 'zod';
import { isDay } from '../../domain/calendar';

/** The days the API accepts: a real calendar day in a range any report or search can mean. */
export const FIRST_REPORT_DAY = '2000-01-01';
export const LAST_REPORT_DAY = '2099-12-31';

export const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isDay, 'is not a calendar date')
  .refine((d) => d >= FIRST_REPORT_DAY && d <= LAST_REPORT_DAY, `must be a day from ${FIRST_REPORT_DAY} to ${LAST_REPORT_DAY}`)
  .describe('a day, YYYY-MM-DD, in the service time zone (Asia/Shanghai)');
