/** Shapes the assist panel returns (GET /api/cases/{id}/assist, POST /api/assist/check). */

/**
 * Phrase families of DOMAIN.md «How to talk»: 感同身受, 被重视, 站在客户角度解释, 安抚, 感谢,
 * plus a sincere apology and a progress line (ticket, deadline, who handles it).
 */
export type SuggestionFamily = 'empathy' | 'valued' | 'customer_side' | 'calming' | 'thanks' | 'apology' | 'progress';

export const SUGGESTION_FAMILIES: readonly SuggestionFamily[] = [
  'empathy',
  'valued',
  'customer_side',
  'calming',
  'thanks',
  'apology',
  'progress',
];

export interface Suggestion {
  /** Ready-to-send Chinese reply: every value the case knows is filled in, nothing left to edit. */
  text: string;
  family: SuggestionFamily;
}

export interface NextStep {
  /** Stable id such as `billing_dispute.month` or `common.deadline`, so the console can keep ticks. */
  id: string;
  text: string;
  /** Default tick: the case's slots, answers or transcript already cover this step. */
  done: boolean;
}

export type DraftProblemKind = 'blame' | 'refusal' | 'provocation' | 'impatience' | 'contempt' | 'interrupt';

export interface DraftProblem {
  /** Offsets into the original draft (JS string indices, end exclusive). */
  start: number;
  end: number;
  /** Why the wording hurts, in Chinese, for the agent. */
  reason: string;
  /** Better wording for the span, in the «我 instead of 您» style. */
  rewrite: string;
  kind: DraftProblemKind;
}

export interface DraftCheck {
  problems: DraftProblem[];
}
