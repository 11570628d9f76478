/**
 * Supervision: every live conversation with its waits, silences, deadline, anger trend and
 * repeat complaints; stall detection with readable reasons and live alerts; takeover,
 * assignment and private notes. The composition root builds it with createSupervision(),
 * mounts src/http/api/supervisorRoutes.ts on it, starts the scanner and stops it in app.stop().
 *
 * Not covered: a customer still talking to the bot before any case exists (no ticket yet) is
 * not in the store as a case, so it is not listed; an open case (recorded, left with the bot)
 * is listed as "with the bot".
 */
import type { HandoffService } from '../handoff/handoffService';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { StallScanner } from './stallScanner';
import { SupervisorService, type StaffRoster } from './supervisorService';
import type { StallThresholds } from './stallDetector';

export {
  assessStall,
  assessFacts,
  conversationFacts,
  angerRising,
  DEFAULT_STALL_THRESHOLDS,
  STALLING_CODES,
  STALL_WEIGHTS,
} from './stallDetector';
export type { StallThresholds, StallAssessment, StallCode, StallReason, ConversationFacts, CustomerHistory } from './stallDetector';
export { conversationRows, toConversationRow, LIVE_STATUSES, type ConversationRow } from './conversationView';
export { StallScanner, STALL_SCANNER_LEASE, type StallScannerOptions } from './stallScanner';
export { SupervisorService, MAX_NOTE_CHARS, type AgentLoad, type StaffRoster, type SupervisorServiceOptions } from './supervisorService';
export { durationText, STALL_TEXT, takeoverText, assignedText } from './stallWording';

export interface SupervisionDeps {
  store: Store;
  handoff: HandoffService;
  staff: StaffRoster;
  logger: Logger;
  instanceId: string;
  /** Config.stall: STALL_AFTER_SECONDS, STALL_WAIT_SECONDS, STALL_DEADLINE_MINUTES, STALL_SCAN_SECONDS. */
  settings: { agentSilentSeconds: number; customerWaitSeconds: number; deadlineMinutes: number; scanSeconds: number };
  thresholds?: Partial<StallThresholds>;
}

export interface Supervision {
  readonly service: SupervisorService;
  readonly scanner: StallScanner;
}

export function createSupervision(deps: SupervisionDeps): Supervision {
  const { settings } = deps;
  const service = new SupervisorService({
    handoff: deps.handoff,
    store: deps.store,
    staff: deps.staff,
    logger: deps.logger,
    thresholds: {
      agentSilentSeconds: settings.agentSilentSeconds,
      customerWaitSeconds: settings.customerWaitSeconds,
      deadlineMinutes: settings.deadlineMinutes,
      ...(deps.thresholds ?? {}),
    },
  });
  const scanner = new StallScanner({
    store: deps.store,
    logger: deps.logger.child({ component: 'stall-scanner' }),
    conversations: () => service.conversations(),
    instanceId: deps.instanceId,
    intervalMs: Math.round(settings.scanSeconds * 1000),
  });
  return { service, scanner };
}
