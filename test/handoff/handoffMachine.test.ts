import { transition, type HandoffActor, type HandoffEvent, type HandoffState } from '../../src/handoff/handoffMachine';

const SYSTEM: HandoffActor = { kind: 'system' };
const A07: HandoffActor = { kind: 'staff', username: 'agent07', role: 'agent' };
const A08: HandoffActor = { kind: 'staff', username: 'agent08', role: 'agent' };
const BOSS: HandoffActor = { kind: 'staff', username: 'boss', role: 'supervisor' };

type Row = [string, HandoffState, HandoffEvent, HandoffActor, HandoffState | number];

/** [what, from, event, who, to (or the refusal status)] */
const TABLE: Row[] = [
  ['the bot queues an open case', { status: 'open' }, { type: 'requestHuman' }, SYSTEM, { status: 'queued' }],
  ['asking again while queued keeps it queued', { status: 'queued' }, { type: 'requestHuman' }, SYSTEM, { status: 'queued' }],
  [
    'asking while a person has it changes nothing',
    { status: 'active', owner: 'agent07' },
    { type: 'requestHuman' },
    SYSTEM,
    { status: 'active', owner: 'agent07' },
  ],
  ['an agent claims a queued case', { status: 'queued' }, { type: 'claim' }, A07, { status: 'active', owner: 'agent07' }],
  ['an agent picks up an open case', { status: 'open' }, { type: 'claim' }, A07, { status: 'active', owner: 'agent07' }],
  [
    'claiming one’s own case again is harmless',
    { status: 'active', owner: 'agent07' },
    { type: 'claim' },
    A07,
    { status: 'active', owner: 'agent07' },
  ],
  ['someone else’s active case cannot be claimed', { status: 'active', owner: 'agent07' }, { type: 'claim' }, A08, 409],
  ['not even by a supervisor (they transfer)', { status: 'active', owner: 'agent07' }, { type: 'claim' }, BOSS, 409],
  ['the system cannot claim', { status: 'queued' }, { type: 'claim' }, SYSTEM, 403],
  ['the owner releases to the bot', { status: 'active', owner: 'agent07' }, { type: 'release' }, A07, { status: 'open' }],
  ['a supervisor releases to the bot', { status: 'active', owner: 'agent07' }, { type: 'release' }, BOSS, { status: 'open' }],
  ['another agent cannot release', { status: 'active', owner: 'agent07' }, { type: 'release' }, A08, 403],
  ['a queued case cannot be released', { status: 'queued' }, { type: 'release' }, A07, 409],
  [
    'the owner transfers',
    { status: 'active', owner: 'agent07' },
    { type: 'transfer', to: 'agent08' },
    A07,
    { status: 'active', owner: 'agent08' },
  ],
  [
    'a supervisor transfers',
    { status: 'active', owner: 'agent07' },
    { type: 'transfer', to: 'agent08' },
    BOSS,
    { status: 'active', owner: 'agent08' },
  ],
  ['another agent cannot transfer', { status: 'active', owner: 'agent07' }, { type: 'transfer', to: 'agent08' }, A08, 403],
  ['a transfer to the owner is pointless', { status: 'active', owner: 'agent07' }, { type: 'transfer', to: 'agent07' }, A07, 400],
  ['a queued case is claimed, not transferred', { status: 'queued' }, { type: 'transfer', to: 'agent08' }, BOSS, 409],
  ['the owner resolves', { status: 'active', owner: 'agent07' }, { type: 'resolve' }, A07, { status: 'resolved', owner: 'agent07' }],
  [
    'a supervisor resolves an active case',
    { status: 'active', owner: 'agent07' },
    { type: 'resolve' },
    BOSS,
    { status: 'resolved', owner: 'agent07' },
  ],
  ['another agent cannot resolve', { status: 'active', owner: 'agent07' }, { type: 'resolve' }, A08, 403],
  ['an agent claims before resolving', { status: 'queued' }, { type: 'resolve' }, A07, 409],
  ['a supervisor may close a queued case', { status: 'queued' }, { type: 'resolve' }, BOSS, { status: 'resolved' }],
  ['nothing happens to a resolved case', { status: 'resolved', owner: 'agent07' }, { type: 'claim' }, A07, 409],
  ['not even a new request', { status: 'resolved' }, { type: 'requestHuman' }, SYSTEM, 409],
];

describe('the handoff status machine', () => {
  it.each(TABLE)('%s', (_what, from, event, actor, expected) => {
    const result = transition(from, event, actor);
    if (typeof expected === 'number') {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(expected);
        expect(result.reason.length).toBeGreaterThan(5);
      }
    } else {
      expect(result).toMatchObject({ ok: true, next: expected });
    }
  });

  it('says whether anything changed', () => {
    expect(transition({ status: 'queued' }, { type: 'claim' }, A07)).toMatchObject({ changed: true });
    expect(transition({ status: 'active', owner: 'agent07' }, { type: 'claim' }, A07)).toMatchObject({ changed: false });
  });
});
