/**
 * Ticks on a case's next steps, kept per case in this browser (localStorage), so an agent who
 * reloads or comes back to a case sees what they already did. Explicit unticks are kept too.
 */
const PREFIX = 'complaint-desk.agent.steps:';

export type StepTicks = Record<string, boolean>;

export function loadTicks(caseId: string): StepTicks {
  try {
    const raw = localStorage.getItem(PREFIX + caseId);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as StepTicks) : {};
  } catch {
    return {};
  }
}

export function saveTicks(caseId: string, ticks: StepTicks): void {
  try {
    localStorage.setItem(PREFIX + caseId, JSON.stringify(ticks));
  } catch {
    /* storage full or disabled: the ticks last as long as the page */
  }
}
