import type { Case, HandoffReason } from '../domain/case';
import type { CaseIntake } from '../domain/caseIntake';
import type { Logger } from '../logging/logger';
import { handoffReasons, type HandoffRuleSettings } from './handoffRules';

/**
 * The case intake with the handoff rules applied: a case that meets one goes straight to the
 * queue, and a customer who asked for a person is queued with the reason the dialogs gave.
 */
export function withHandoffRules(
  inner: CaseIntake,
  rules: HandoffRuleSettings,
  requestHuman: (caseId: string, reasons: HandoffReason[]) => Promise<Case>,
  logger: Logger,
): CaseIntake {
  /**
   * The case is recorded by now: a failure to queue it must not fail the customer's turn, or
   * the dialogs would retry and record it twice. It stays on the list for staff to claim.
   */
  const queueRecorded = async (c: Case, reasons: HandoffReason[]): Promise<Case> => {
    try {
      return await requestHuman(c.id, reasons);
    } catch (err) {
      logger.error({ err, caseId: c.id, reasons }, 'handoff: a recorded case could not be queued for a person');
      return c;
    }
  };
  return {
    accept: async (draft) => {
      const accepted = await inner.accept(draft);
      const reasons = handoffReasons(accepted.case, rules);
      if (reasons.length === 0) return accepted;
      return { case: await queueRecorded(accepted.case, reasons), receipt: accepted.receipt };
    },
    requestHuman: async (draft, reason) => {
      const queued = await inner.requestHuman(draft, reason);
      return queueRecorded(queued, [reason, ...handoffReasons(queued, rules)]);
    },
    recordCompliment: (compliment) => inner.recordCompliment(compliment),
    casesOfCustomer: (channel, customerId) => inner.casesOfCustomer(channel, customerId),
  };
}
