import type { DeadlineTable } from '../src/domain/deadlines';
import { DEFAULT_HOURS_TEXT, DEFAULT_QUESTION_TEXT } from './wording/replies';

/** Values the operator configures; they reach the dialogs through constructors, never globals. */
export interface IntakeSettings {
  /** Hours until the first response per category (src/domain/deadlines.ts). */
  deadlines: DeadlineTable;
  /** Anger (0…1) from which a customer gets the short interview and the apology family. */
  angerThreshold?: number;
  /** Questions per grievance for angry or elderly customers (essentials only). */
  briefQuestionsPerIssue?: number;
  /** Grievances below this classifier confidence are folded into a confident neighbour instead of asked about. */
  minIssueConfidence?: number;
  /** The answer to «when are you open?». */
  hoursText?: string;
  /** The answer to a how-to or pre-sales question (where customers do such things themselves). */
  questionText?: string;
  /** Time zone of the desk, for times shown to customers. */
  timeZone?: string;
}

export type ResolvedIntakeSettings = Required<IntakeSettings>;

export function resolveIntakeSettings(settings: IntakeSettings): ResolvedIntakeSettings {
  return {
    deadlines: settings.deadlines,
    angerThreshold: settings.angerThreshold ?? 0.7,
    briefQuestionsPerIssue: settings.briefQuestionsPerIssue ?? 2,
    minIssueConfidence: settings.minIssueConfidence ?? 0.6,
    hoursText: settings.hoursText ?? DEFAULT_HOURS_TEXT,
    questionText: settings.questionText ?? DEFAULT_QUESTION_TEXT,
    timeZone: settings.timeZone ?? 'Asia/Shanghai',
  };
}
