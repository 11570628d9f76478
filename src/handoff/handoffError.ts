/** A refusal the API answers with a 4xx (or 502 when the customer's channel could not be reached). */
export class HandoffError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
