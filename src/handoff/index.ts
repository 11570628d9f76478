/**
 * Human handoff (the Botpress HITL model): the status machine, queue priority and rough waits,
 * the handoff rules, and the relay between a customer's channel and the agent who owns the case.
 * The composition root builds one HandoffService, passes it to the bot as its HumanHandoffHook,
 * wraps the case intake and the bot with it, reaches customers through the channel registry (src/domain/channels.ts),
 * and mounts the case API (src/http/api/caseRoutes.ts) on it.
 */
export {
  createHandoffService,
  HandoffService,
  type ActionOutcome,
  type HandoffServiceOptions,
  type ResolutionInput,
  type ResolveFollowup,
  type StaffMember,
  type TransferTarget,
} from './handoffService';
export { transition, type HandoffActor, type HandoffEvent, type HandoffState, type Transition } from './handoffMachine';
export { handoffReasons, DEFAULT_HANDOFF_RULES, ESCALATION_SIGNALS, type HandoffRuleSettings } from './handoffRules';
export { priorityOf, queueOrder, byPriority, waitingSince, PRIORITY_WEIGHTS } from '../cases/priority';
export { roughWait, type ClaimSample, type WaitEstimate } from './queueEstimate';
export {
  StaffPresence,
  PRESENCE_KIND,
  DEFAULT_PRESENCE_TTL_SECONDS,
  type PresenceEntry,
  type PresenceRole,
  type StaffPresenceOptions,
} from './staffPresence';
export { CaseActionError } from '../cases/caseActionError';
