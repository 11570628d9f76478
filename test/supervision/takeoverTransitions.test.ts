import { transition, type HandoffActor } from '../../src/handoff/handoffMachine';

const boss: HandoffActor = { kind: 'staff', username: 'boss', role: 'supervisor' };
const agent: HandoffActor = { kind: 'staff', username: 'agent07', role: 'agent' };

describe('status machine: takeover and assign', () => {
  it.each([
    ['open', undefined],
    ['queued', undefined],
    ['active', 'agent07'],
  ] as const)('a supervisor takes over a %s case and becomes its owner', (status, owner) => {
    expect(transition({ status, owner }, { type: 'takeover' }, boss)).toEqual({
      ok: true,
      next: { status: 'active', owner: 'boss' },
      changed: true,
    });
    expect(transition({ status, owner }, { type: 'assign', to: 'agent08' }, boss)).toMatchObject({
      ok: true,
      next: { status: 'active', owner: 'agent08' },
    });
  });

  it('refuses agents, the system, resolved cases and pointless changes', () => {
    expect(transition({ status: 'active', owner: 'agent07' }, { type: 'takeover' }, agent)).toMatchObject({ ok: false, status: 403 });
    expect(transition({ status: 'queued' }, { type: 'assign', to: 'agent07' }, agent)).toMatchObject({ ok: false, status: 403 });
    expect(transition({ status: 'queued' }, { type: 'takeover' }, { kind: 'system' })).toMatchObject({ ok: false, status: 403 });
    expect(transition({ status: 'resolved', owner: 'agent07' }, { type: 'takeover' }, boss)).toMatchObject({ ok: false, status: 409 });
    expect(transition({ status: 'active', owner: 'boss' }, { type: 'takeover' }, boss)).toMatchObject({ ok: false, status: 400 });
    expect(transition({ status: 'active', owner: 'agent07' }, { type: 'assign', to: 'agent07' }, boss)).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});
