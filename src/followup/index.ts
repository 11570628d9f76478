/**
 * After intake: 回访 (the satisfaction question after the result notice, reopening on an
 * unhappy answer), the same-matter window, the deadline watch, repeat-complaint linking (the
 * rules; CaseService applies them at accept) and 归档 with a retention sweep.
 * The composition root builds one FollowupService (plugged into the handoff's resolve, the bot
 * and the intake) and one DeadlineWatch (started and stopped with the app).
 */
export { FollowupService, SURVEY_KIND, type FollowupServiceOptions } from './followupService';
export { DeadlineWatch, DEADLINE_WATCH_LEASE, type DeadlineWatchOptions } from './deadlineWatch';
export { dueDeadlineEvents, isMet, DEADLINE_NAMES } from './deadlineRules';
export { parseSatisfaction, isUnhappy, type Score } from './satisfactionParser';
export { plannedDeadlines, deadlinesOf, reopenedFields, archivedFields, sameMatterCase, repeatCandidates } from '../cases/caseLifecycle';
export { DEFAULT_FOLLOWUP_SETTINGS, type FollowupSettings } from './followupSettings';
