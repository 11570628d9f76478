import type { Case, HandoffReason } from '../domain/case';
import type { CategoryId } from '../domain/category';
import type { EscalationSignal } from '../domain/understanding';

/**
 * When a case goes to a person. Five rules are built in: the customer asks (转人工), the
 * escalation risk is high, the bot failed to understand twice, the customer is elderly, the
 * matter is urgent. Operators add their own in configuration (HANDOFF_CATEGORIES,
 * HANDOFF_ANGER, HANDOFF_SIGNALS).
 */
export interface HandoffRuleSettings {
  /** Categories that always go to a person, e.g. billing disputes. */
  categories: CategoryId[];
  /** Anger (0 calm … 1 furious) from which a case goes to a person; unset: no anger rule beyond escalation risk. */
  anger?: number;
  /** Further escalation signals that hand over on their own (e.g. media, lawyer). */
  signals: EscalationSignal[];
}

// Kept beside the signal type in domain/ so the settings can list them without reaching into handoff/.
export { ESCALATION_SIGNALS } from '../domain/understanding';

export const DEFAULT_HANDOFF_RULES: HandoffRuleSettings = { categories: [], signals: [] };

/** The rules that fire for an accepted case (intake), in a stable order. Empty: the bot keeps it. */
export function handoffReasons(
  c: Pick<Case, 'escalationRisk' | 'signals' | 'issues' | 'category' | 'anger'>,
  rules: HandoffRuleSettings,
): HandoffReason[] {
  const reasons: HandoffReason[] = [];
  if (c.escalationRisk) reasons.push('escalation');
  if (c.signals.includes('elderly')) reasons.push('elderly');
  if (c.signals.includes('urgent')) reasons.push('urgent');
  const categories = new Set([c.category, ...c.issues.map((i) => i.category)]);
  if (rules.categories.some((id) => categories.has(id))) reasons.push('category');
  if (rules.anger !== undefined && c.anger >= rules.anger) reasons.push('anger');
  if (rules.signals.some((s) => c.signals.includes(s))) reasons.push('signal');
  return reasons;
}
