import { roughWait } from '../../src/handoff/queueEstimate';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

describe('rough wait', () => {
  it('falls back to the configured minutes per place without recent claims', () => {
    expect(roughWait(2, [], NOW, 3)).toEqual({ minutes: 6, basis: 'default' });
    // Claims from yesterday say nothing about now.
    expect(roughWait(1, [{ queuedAt: at(1500), claimedAt: at(1440) }], NOW, 4)).toEqual({ minutes: 4, basis: 'default' });
  });

  it('uses the pace of recent claims per place in the queue', () => {
    // Claims every 4 minutes, each after a 10-minute wait: a busy desk serving one every 4 minutes.
    const samples = [0, 4, 8, 12].map((m) => ({ queuedAt: at(m + 10), claimedAt: at(m) }));
    expect(roughWait(3, samples, NOW, 3)).toEqual({ minutes: 12, basis: 'recent' });
  });

  it('does not count idle time between customers as waiting', () => {
    // Claims an hour apart, but each customer waited only two minutes.
    const samples = [0, 30, 60].map((m) => ({ queuedAt: at(m + 2), claimedAt: at(m) }));
    expect(roughWait(1, samples, NOW, 3)).toEqual({ minutes: 2, basis: 'recent' });
  });

  it('never promises less than a minute', () => {
    expect(roughWait(1, [{ queuedAt: at(1), claimedAt: at(1) }], NOW, 3)).toEqual({ minutes: 1, basis: 'recent' });
  });
});
