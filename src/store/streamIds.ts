/**
 * Event stream ids as Redis Streams gives them, `<ms>-<seq>`: both parts unsigned 64-bit
 * integers. Memory mimics them, so a console's last id means the same on either store.
 */
const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;
const MAX_PART = 2n ** 64n - 1n;

export class InvalidStreamIdError extends Error {
  readonly code = 'InvalidStreamId';

  constructor(readonly id: string) {
    super(`not an event stream id: ${JSON.stringify(id.slice(0, 64))}`);
    this.name = 'InvalidStreamIdError';
  }
}

export function isStreamId(id: string): boolean {
  const parts = STREAM_ID.exec(id);
  return !!parts && BigInt(parts[1]) <= MAX_PART && BigInt(parts[2]) <= MAX_PART;
}

/** Negative, zero or positive as a is before, the same as or after b. Both must be well-formed ids. */
export function compareStreamIds(a: string, b: string): number {
  const [ams, aseq] = parse(a);
  const [bms, bseq] = parse(b);
  if (ams !== bms) return ams < bms ? -1 : 1;
  if (aseq !== bseq) return aseq < bseq ? -1 : 1;
  return 0;
}

function parse(id: string): [bigint, bigint] {
  if (!isStreamId(id)) throw new InvalidStreamIdError(id);
  const [ms, seq] = id.split('-');
  return [BigInt(ms), BigInt(seq)];
}
