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
export function handoffReasons(c: Pick<Case, 'escalationRisk' | 'signals' | 'issues' | 'category' | 'anger'>, rules: HandoffRuleSettings): HandoffReason[] {
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

export const REASON_NAMES: Record<HandoffReason, string> = {
  asked: '客户要求人工',
  not_understood: '机器人两次未能理解',
  escalation: '升级风险高',
  elderly: '老年客户',
  urgent: '客户表示紧急',
  category: '按配置需人工处理的类别',
  anger: '客户情绪激动',
  signal: '按配置需人工处理的升级信号',
  reopened: '办结后客户不满意或再次反映，工单重开',
};
