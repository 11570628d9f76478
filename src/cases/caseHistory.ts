import type { Case } from '../domain/case';
import { normalisePhone } from '../privacy/searchKeys';
import type { CaseFilter } from '../store/store';

/**
 * A customer's other cases, newest first. The same customer is the same customer id on the same
 * channel, or the same phone number on any channel (a WeChat complaint and a web one from one
 * number are one person's history). Index answers are hints: each case's own fields decide.
 */
export async function customerHistory(cases: { list(filter?: CaseFilter): Promise<Case[]> }, of: Case): Promise<Case[]> {
  const phone = typeof of.slots.phone === 'string' ? normalisePhone(of.slots.phone) : undefined;
  const [byCustomer, byPhone] = await Promise.all([
    cases.list({ customerId: of.customerId }),
    phone ? cases.list({ phone }) : Promise.resolve([]),
  ]);
  const found = new Map<string, Case>();
  for (const c of byCustomer) if (c.channel === of.channel && c.customerId === of.customerId) found.set(c.id, c);
  for (const c of byPhone) if (typeof c.slots.phone === 'string' && normalisePhone(c.slots.phone) === phone) found.set(c.id, c);
  found.delete(of.id);
  return [...found.values()].sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt));
}
