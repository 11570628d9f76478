import type { Case } from '../domain/case';
import { formatDeskTime } from '../domain/deskTime';
import { CATEGORY_NAMES, type CategoryId } from '../domain/category';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** «11月21日 15:30»: the desk's local time, unambiguous without knowing today's date. */
export function formatDue(iso: string, timeZone = DEFAULT_TIME_ZONE): string | undefined {
  return Number.isNaN(Date.parse(iso)) ? undefined : formatDeskTime(iso, timeZone);
}

/** The main category: the case's own, else the first grievance's. */
export function primaryCategory(c: Case): CategoryId | undefined {
  return c.category ?? c.issues[0]?.category;
}

/** Categories of the case in the order the customer told them, without repeats. */
export function caseCategories(c: Case): CategoryId[] {
  const seen: CategoryId[] = [];
  const first = primaryCategory(c);
  if (first) seen.push(first);
  for (const issue of c.issues) if (!seen.includes(issue.category)) seen.push(issue.category);
  return seen;
}

/** An amount as the customer will read it: «30» → «30», «30.50» → «30.5». Non-numbers pass through trimmed. */
function cleanAmount(amount: string): string {
  const n = Number(amount);
  return Number.isFinite(n) && n > 0 ? String(n) : amount.trim();
}

/** Short values only: a whole sentence kept as an answer would read badly inside a reply. */
function short(value: string | undefined, max = 16): string | undefined {
  const v = value?.trim();
  return v && v.length <= max && !/[[\]{}]/.test(v) ? v : undefined;
}

/** Values a reply template may use; absent values make templates that need them ineligible. */
export interface ReplyFacts {
  ticket: string;
  cat?: string;
  due?: string;
  amount?: string;
  month?: string;
  place?: string;
  /** The place when it names a hall or service point (营业厅, 门店 …), for attitude complaints. */
  hall?: string;
  model?: string;
  staff?: string;
  agent?: string;
  /** Number of grievances, only when there is more than one. */
  issues?: string;
}

export type FactName = keyof ReplyFacts;

export function replyFacts(c: Case, agentNo?: string, timeZone = DEFAULT_TIME_ZONE): ReplyFacts {
  const category = primaryCategory(c);
  const amount = short(c.slots.amount, 12);
  return {
    ticket: c.ticketId,
    cat: category ? CATEGORY_NAMES[category] : undefined,
    due: formatDue(c.responseDueAt, timeZone),
    amount: amount ? cleanAmount(amount) : undefined,
    month: short(c.slots.month, 10),
    place: short(c.slots.place, 14),
    hall: /厅|店|网点|服务点|服务中心|营业部/.test(c.slots.place ?? '') ? short(c.slots.place, 14) : undefined,
    model: short(c.slots.phoneModel, 20),
    staff: short(c.slots.staffId, 12),
    agent: short(agentNo, 12),
    issues: c.issues.length > 1 ? String(c.issues.length) : undefined,
  };
}

const TOKEN = /\{(\w+)\}/g;

/** Names of the facts a template uses. */
export function templateNeeds(template: string): FactName[] {
  return [...template.matchAll(TOKEN)].map((m) => m[1] as FactName);
}

/** The filled sentence, or undefined when the case lacks a value the template needs. */
export function fillTemplate(template: string, facts: ReplyFacts): string | undefined {
  let missing = false;
  const text = template.replace(TOKEN, (_, name: string) => {
    const value = facts[name as FactName];
    if (!value) missing = true;
    return value ?? '';
  });
  return missing ? undefined : text;
}
