import type { Case } from '../domain/case';
import { firstResponseAt, satisfactionOf, satisfactionScore } from './caseFacts';

/**
 * What one row of the case export shows of a case, and no more: the export reads this, not the
 * whole case with its transcript. The archive keeps the part that is not a plain column sealed
 * beside the case (cases.export_doc, migration 005), so a month's export opens a few hundred
 * bytes a row instead of the whole case.
 */
export interface CsvCase {
  ticketId: string;
  category?: string;
  channel: string;
  status: string;
  /** ISO time or epoch ms. */
  acceptedAt: string | number;
  /** The sealed part below. */
  details: CsvDetails;
}

export interface CsvDetails {
  responseDueAt?: string;
  /** Epoch ms of the first response, whenever it came (the export cuts at its own time). */
  firstResponseAt?: number;
  resolvedAt?: string;
  cause?: string;
  solution?: string;
  compensation?: string;
  /** The survey's verdict and its 1–5 score. */
  satisfied?: boolean;
  score?: number;
  phone?: string;
  idNumber?: string;
}

const FOREVER = Number.MAX_SAFE_INTEGER;

export function csvDetailsOf(c: Case): CsvDetails {
  return {
    responseDueAt: c.responseDueAt,
    firstResponseAt: firstResponseAt(c, FOREVER),
    resolvedAt: c.resolution?.resolvedAt,
    cause: c.resolution?.cause,
    solution: c.resolution?.solution,
    compensation: c.resolution?.compensation,
    satisfied: satisfactionOf(c),
    score: satisfactionScore(c),
    phone: c.slots?.phone,
    idNumber: c.slots?.idNumber,
  };
}

export function csvCaseOf(c: Case): CsvCase {
  return {
    ticketId: c.ticketId,
    ...(c.category !== undefined ? { category: c.category } : {}),
    channel: c.channel,
    status: c.status,
    acceptedAt: c.acceptedAt,
    details: csvDetailsOf(c),
  };
}
