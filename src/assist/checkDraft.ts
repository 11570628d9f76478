import { DRAFT_RULES, KIND_REASONS } from './draftRules';
import { originalSpan, toMatchText } from './matchText';
import type { DraftCheck, DraftProblem } from './types';

/**
 * Reviews an agent's draft for wording that inflames or blames: blaming the customer, flat
 * refusals, provocation, impatience, judging, interrupting. Matching runs on a normalised copy
 * (simplified, half-width, no spaces, 您→你, 啦→了); offsets are reported on the original text,
 * start inclusive, end exclusive. Overlapping hits keep the longest; results are in text order.
 * A polite draft yields no problems.
 */
export function checkDraft(text: string): DraftCheck {
  if (!text) return { problems: [] };
  const m = toMatchText(text);
  const hits: Array<DraftProblem & { from: number; to: number; order: number }> = [];
  DRAFT_RULES.forEach((rule, order) => {
    rule.pattern.lastIndex = 0;
    for (const match of m.text.matchAll(rule.pattern)) {
      const from = match.index ?? 0;
      const to = from + match[0].length;
      if (to <= from) continue;
      const { start, end } = originalSpan(m, from, to);
      hits.push({
        start,
        end,
        from,
        to,
        order,
        kind: rule.kind,
        reason: rule.reason ?? KIND_REASONS[rule.kind],
        rewrite: rule.rewrite,
      });
    }
  });
  // Longest first (then earlier rule): a long hit such as 「你怎么连这个都不知道」 wins over pieces of it.
  hits.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from || a.order - b.order);
  const kept: typeof hits = [];
  for (const hit of hits) {
    if (!kept.some((k) => hit.from < k.to && k.from < hit.to)) kept.push(hit);
  }
  kept.sort((a, b) => a.start - b.start);
  return {
    problems: kept.map(({ start, end, reason, rewrite, kind }) => ({ start, end, reason, rewrite, kind })),
  };
}
