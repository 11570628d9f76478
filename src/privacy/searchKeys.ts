import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Search keys: a keyed HMAC of a personal value, so the desk can find a customer's cases by
 * phone number while the cases themselves stay encrypted. Without the key the HMAC cannot be
 * turned back into the number (a plain hash could: mobile numbers are a space of only ~10^9).
 *
 * The key is its own setting (SEARCH_KEY) rather than derived from DATA_KEYS: the data keys
 * rotate, and a search key that changed with them would orphan every index entry written
 * before. Each use gets its own subkey (HKDF with a purpose label), so a phone key can never
 * equal an HMAC computed for any other purpose.
 */
export class SearchKeys {
  private readonly phoneSubkey: Buffer;

  constructor(searchKey: string) {
    if (searchKey.length < 32) throw new Error('search keys: SEARCH_KEY must be at least 32 characters');
    this.phoneSubkey = Buffer.from(
      hkdfSync('sha256', Buffer.from(searchKey, 'utf8'), Buffer.alloc(0), 'complaint-desk search: phone v1', 32),
    );
  }

  /** The same key however the number was typed (spaces, dashes, +86, full-width digits). */
  phoneKey(phone: string): string {
    return createHmac('sha256', this.phoneSubkey).update(normalisePhone(phone)).digest('base64url');
  }
}

/** Digits only, without a +86 / 0086 country code before a mobile number. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\uff10-\uff19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
  const mobile = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits);
  return mobile ? mobile[1] : digits;
}
