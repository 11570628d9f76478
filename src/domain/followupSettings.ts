/**
 * The follow-up figures (DOMAIN.md deadlines table; configurable because the source documents
 * disagree). Config.followup is of this type (src/config/env.ts); tests pass their own.
 */
export interface FollowupSettings {
  /** Hours from acceptance until the solution is due (general complaints: 24). */
  solutionHours: number;
  /** Hours after the solution deadline until the customer must have the result (24). */
  resultNoticeHours: number;
  /** Unhappy customer contacted again within this; a return about the same matter within it lands on the same ticket (48). */
  reopenHours: number;
  /** Warning lead times before each deadline, in minutes, largest first. */
  warnMinutes: number[];
  /** Same customer, same category within this many days is a repeat complaint (30). */
  repeatDays: number;
  /** Archived cases are kept this many days (1095, three years). */
  retentionDays: number;
  /** How often the deadline watch and the retention sweep run, in seconds. */
  scanSeconds: number;
}

export const DEFAULT_FOLLOWUP_SETTINGS: FollowupSettings = {
  solutionHours: 24,
  resultNoticeHours: 24,
  reopenHours: 48,
  warnMinutes: [30, 10],
  repeatDays: 30,
  retentionDays: 1095,
  scanSeconds: 60,
};

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
