/**
 * Assist panel for online-chat agents: suggested replies, the case's next steps, and a check of
 * an agent's draft. Pure functions; the HTTP routes live elsewhere and call these.
 *
 *   GET  /api/cases/{id}/assist → { suggestions: suggestReplies(...), nextSteps: nextSteps(case) }
 *   POST /api/assist/check {text} → checkDraft(text)
 */
export { suggestReplies, angerBand, ANGER_HIGH, ANGER_MID } from './suggestReplies';
export type { SuggestRepliesInput, AngerBand } from './suggestReplies';
export { nextSteps } from './nextSteps';
export type { NextStepsOptions } from './nextSteps';
export { checkDraft } from './checkDraft';
export { formatDue } from './caseFacts';
export { SUGGESTION_FAMILIES } from './types';
export type { Suggestion, SuggestionFamily, NextStep, DraftProblem, DraftProblemKind, DraftCheck } from './types';
