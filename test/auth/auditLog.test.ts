import { StoreAuditLog } from '../../src/audit/auditLog';
import { MemoryStore } from '../../src/store/memoryStore';

describe('StoreAuditLog', () => {
  it('appends entries with a time, reads them in order and by case, and pages with after/limit', async () => {
    const store = new MemoryStore();
    const times = ['2025-01-01T00:00:00.000Z', '2025-01-01T00:01:00.000Z', '2025-01-01T00:02:00.000Z'];
    let i = 0;
    const audit = new StoreAuditLog(store, () => new Date(times[i++]));
    await audit.record({ actor: 'zhangwei', action: 'login' });
    await audit.record({ actor: 'zhangwei', action: 'claim', caseId: 'c1' });
    await audit.record({ actor: 'lihua', action: 'transfer', caseId: 'c2', detail: { to: 'wangfang' } });

    const all = await audit.read();
    expect(all.entries).toEqual([
      { actor: 'zhangwei', action: 'login', at: times[0], seq: 0 },
      { actor: 'zhangwei', action: 'claim', caseId: 'c1', at: times[1], seq: 1 },
      { actor: 'lihua', action: 'transfer', caseId: 'c2', detail: { to: 'wangfang' }, at: times[2], seq: 2 },
    ]);
    expect((await audit.read({ caseId: 'c2' })).entries).toEqual([
      { actor: 'lihua', action: 'transfer', caseId: 'c2', detail: { to: 'wangfang' }, at: times[2], seq: 0 },
    ]);
    const page = await audit.read({ limit: 2 });
    expect(page.entries.map((e) => e.seq)).toEqual([0, 1]);
    expect((await audit.read({ after: page.next, limit: 2 })).entries.map((e) => e.seq)).toEqual([2]);
    expect((await audit.read({ caseId: 'nope' })).entries).toEqual([]);
  });

  it('masks personal data a caller put into the detail', async () => {
    const audit = new StoreAuditLog(new MemoryStore());
    await audit.record({
      actor: 'zhangwei',
      action: 'reveal',
      caseId: 'c1',
      detail: { field: 'phone', note: '客户手机13812345678', ids: ['110101199003071234'] },
    });
    const [entry] = (await audit.read({ caseId: 'c1' })).entries;
    expect(entry.detail).toEqual({ field: 'phone', note: '客户手机138****5678', ids: ['110101********1234'] });
  });
});
