import { priorityOf, queueOrder } from '../../src/cases/priority';
import { makeCase } from './caseFactory';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();

describe('queue priority', () => {
  it('puts escalation risk first, then the nearer deadline, then the longer wait', () => {
    const calm = makeCase({ ticketId: 'calm', responseDueAt: hoursFromNow(20), queuedAt: minutesAgo(2) });
    const waitedLong = makeCase({ ticketId: 'waited', responseDueAt: hoursFromNow(20), queuedAt: minutesAgo(50) });
    const dueSoon = makeCase({ ticketId: 'due', responseDueAt: hoursFromNow(0.5), queuedAt: minutesAgo(1) });
    const overdue = makeCase({ ticketId: 'overdue', responseDueAt: hoursFromNow(-1), queuedAt: minutesAgo(1) });
    const risky = makeCase({ ticketId: 'risky', escalationRisk: true, responseDueAt: hoursFromNow(23), queuedAt: minutesAgo(0) });
    const order = queueOrder([calm, waitedLong, dueSoon, risky, overdue], NOW).map((c) => c.ticketId);
    expect(order).toEqual(['risky', 'overdue', 'due', 'waited', 'calm']);
  });

  it('breaks ties by who waited longer', () => {
    const a = makeCase({ ticketId: 'a', responseDueAt: hoursFromNow(24), queuedAt: minutesAgo(61) });
    const b = makeCase({ ticketId: 'b', responseDueAt: hoursFromNow(24), queuedAt: minutesAgo(70) });
    // Both at the waiting cap (30 points): the earlier one goes first.
    expect(queueOrder([a, b], NOW).map((c) => c.ticketId)).toEqual(['b', 'a']);
  });

  it('explains its points', () => {
    const c = makeCase({ escalationRisk: true, responseDueAt: hoursFromNow(12), queuedAt: minutesAgo(10) });
    expect(priorityOf(c, NOW)).toEqual({ priority: 130, escalation: 100, deadline: 25, waiting: 5 });
  });

  it('lists only queued cases', () => {
    expect(queueOrder([makeCase({ status: 'active' }), makeCase({ status: 'queued' })], NOW)).toHaveLength(1);
  });
});
