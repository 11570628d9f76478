import { CaseActionError } from './caseActionError';
import { REVEALABLE_FIELDS, type RevealableField } from './caseMasking';
import type { CaseRepository } from './caseRepository';

/**
 * The full phone or ID number of a case, for its owner or a supervisor only; everyone else sees
 * the masked form. The route records each reveal in the audit log.
 */
export async function revealCaseValue(
  cases: Pick<CaseRepository, 'get'>,
  caseId: string,
  staff: { username: string; role: 'agent' | 'supervisor' },
  field: RevealableField,
): Promise<string> {
  if (!REVEALABLE_FIELDS.includes(field)) throw new CaseActionError(400, 'BadField', `cannot reveal ${field}`);
  const c = await cases.get(caseId);
  if (!c) throw new CaseActionError(404, 'CaseNotFound', `no case ${caseId}`);
  if (c.owner !== staff.username && staff.role !== 'supervisor') {
    throw new CaseActionError(403, 'NotOwner', 'only the owner of the case or a supervisor can reveal personal data');
  }
  const value = c.slots[field];
  if (!value) throw new CaseActionError(404, 'NoSuchValue', `the case has no ${field}`);
  return value;
}
