import { randomUUID } from 'node:crypto';
import type { Case } from '../../src/domain/case';

let sequence = 0;

/** A stored-looking case for tests that need one without running intake. */
export function makeCase(overrides: Partial<Case> = {}): Case {
  sequence += 1;
  const at = overrides.acceptedAt ?? new Date().toISOString();
  return {
    id: randomUUID(),
    ticketId: `TS-20260101-${String(sequence).padStart(4, '0')}`,
    channel: 'web',
    customerId: `customer-${sequence}`,
    conversationId: `conversation${sequence}`,
    status: 'queued',
    category: 'billing_dispute',
    issues: [{ category: 'billing_dispute', text: '话费多扣了', answers: {} }],
    slots: {},
    anger: 0,
    signals: [],
    escalationRisk: false,
    wantsHuman: true,
    summary: '【收费争议】话费多扣了',
    acceptedAt: at,
    responseDueAt: new Date(Date.parse(at) + 24 * 3600_000).toISOString(),
    attachments: [],
    transcript: [{ from: 'customer', text: '话费多扣了', at }],
    updatedAt: at,
    queuedAt: at,
    ...overrides,
  };
}
