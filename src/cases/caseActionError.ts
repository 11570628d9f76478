/**
 * A staff action on a case refused (not the owner, wrong status, no such case), or a customer
 * who could not be reached (502). The API answers with the status and code it carries.
 */
export class CaseActionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
