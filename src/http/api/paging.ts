import { CursorError, pageOf } from '../../cases/caseSearch';
import { HttpError } from '../httpError';

/** A page of a list; a cursor this API did not give out is the client's mistake (400). */
export function pageAt<T>(rows: T[], limit: number, cursor?: string): { page: T[]; next?: string } {
  try {
    return pageOf(rows, limit, cursor);
  } catch (err) {
    if (err instanceof CursorError) throw new HttpError(400, 'BadRequest', `query parameter cursor: ${err.message}`);
    throw err;
  }
}
