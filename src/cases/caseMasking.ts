import type { Slots } from '../domain/understanding';
import { maskIdNumber, maskPhone } from '../privacy/listMask';
import { maskPersonalInfo } from '../privacy/mask';

export { maskForList } from '../privacy/listMask';

/**
 * What staff screens show of personal data (PIPL: only where the case needs it). Lists mask
 * phone numbers, ID numbers and amounts (src/privacy/listMask.ts); a case's own page masks phone
 * and ID numbers but shows amounts, which the agent works with; the full phone or ID number only
 * through an audited reveal.
 */

/** For a case's own page: phone, ID and card numbers. */
export function maskForDetail(text: string): string {
  return maskPersonalInfo(text);
}

/** The fields a reveal can show unmasked. */
export const REVEALABLE_FIELDS = ['phone', 'idNumber'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** Slots as a case page shows them: phone and ID masked, the rest as told (numbers in them masked). */
export function maskSlots(slots: Slots): Slots {
  const out: Slots = {};
  for (const [name, value] of Object.entries(slots) as [keyof Slots, string | undefined][]) {
    if (value === undefined) continue;
    if (name === 'phone') out.phone = maskPhone(value);
    else if (name === 'idNumber') out.idNumber = maskIdNumber(value);
    else out[name] = maskForDetail(value);
  }
  return out;
}
