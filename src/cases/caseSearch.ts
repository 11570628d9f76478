import type { Case, CaseStatus } from '../domain/case';
import type { CategoryId } from '../domain/category';
import { TICKET_ID_PATTERN } from '../domain/ticketId';
import { normalisePhone } from '../privacy/searchKeys';
import type { CaseFilter } from '../store/store';

/**
 * Staff search over cases: what the free-text box means, and the filters beside it. The free
 * text is read the way a desk uses it: a ticket number finds that ticket, a phone number (any
 * spelling) finds that customer's cases through the store's keyed phone index (never by
 * decrypting and scanning), and anything else matches the masked preview and ticket number.
 */
export interface CaseSearch {
  q?: string;
  status?: CaseStatus;
  category?: CategoryId;
  channel?: Case['channel'];
  owner?: string;
  /** Only cases at risk of escalation (true) or only the others (false). */
  escalated?: boolean;
  /** Accepted on or after this day (YYYY-MM-DD, in the desk's time zone). */
  from?: string;
  /** Accepted on or before this day. */
  to?: string;
}

export type FreeText = { kind: 'ticket'; ticketId: string } | { kind: 'phone'; phone: string } | { kind: 'text'; text: string };

/** What the free text is. A bare 11-digit mobile number (with +86, spaces or dashes) is a phone. */
export function readFreeText(q: string): FreeText {
  const trimmed = q.trim();
  const ticket = trimmed.toUpperCase();
  if (TICKET_ID_PATTERN.test(ticket)) return { kind: 'ticket', ticketId: ticket };
  if (/^[+\d\s\-()\uff10-\uff19]+$/.test(trimmed) && /^1[3-9]\d{9}$/.test(normalisePhone(trimmed))) {
    return { kind: 'phone', phone: normalisePhone(trimmed) };
  }
  return { kind: 'text', text: trimmed.toLowerCase() };
}

/** The part of a search the store answers with an index (status, phone); the rest is `matches`. */
export function storeFilter(search: CaseSearch): CaseFilter {
  const text = search.q ? readFreeText(search.q) : undefined;
  return { ...(search.status ? { status: search.status } : {}), ...(text?.kind === 'phone' ? { phone: text.phone } : {}) };
}

/**
 * Whether a case meets the filters. `dayOf` turns an ISO time into the desk's calendar day, so
 * "from 3 December" means 3 December in Beijing, not in UTC. `preview` is the masked line the
 * list shows: free text only ever matches what the reader could see anyway.
 */
export function matches(c: Case, search: CaseSearch, dayOf: (iso: string) => string, preview: string): boolean {
  if (search.status && c.status !== search.status) return false;
  if (search.category && c.category !== search.category) return false;
  if (search.channel && c.channel !== search.channel) return false;
  if (search.owner && c.owner !== search.owner) return false;
  if (search.escalated !== undefined && c.escalationRisk !== search.escalated) return false;
  const day = dayOf(c.acceptedAt);
  if (search.from && day < search.from) return false;
  if (search.to && day > search.to) return false;
  if (!search.q) return true;
  const text = readFreeText(search.q);
  if (text.kind === 'ticket') return c.ticketId === text.ticketId;
  // The store's phone index found these; an index is a hint, the case's own slot decides.
  if (text.kind === 'phone') return typeof c.slots.phone === 'string' && normalisePhone(c.slots.phone) === text.phone;
  return c.ticketId.toLowerCase().includes(text.text) || preview.toLowerCase().includes(text.text);
}

/** Offset paging behind an opaque cursor: stable for a list sorted the same way each time. */
export function pageOf<T>(items: T[], limit: number, cursor?: string): { page: T[]; next?: string } {
  const offset = cursor ? decodeCursor(cursor) : 0;
  const page = items.slice(offset, offset + limit);
  return { page, ...(offset + limit < items.length ? { next: encodeCursor(offset + limit) } : {}) };
}

export class CursorError extends Error {}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.o <= 1e7) return parsed.o;
  } catch {
    /* falls through to the error below */
  }
  throw new CursorError('cursor is not one this API gave out');
}
