import type { Case } from '../../src/domain/case';
import {
  AnnouncedEntry,
  compareStreamIds,
  InvalidStreamIdError,
  isStreamId,
  StoreUnavailableError,
  type Store,
} from '../../src/store/store';

/**
 * The contract every Store implementation must meet. Each implementation's test file calls
 * this with a factory; the same expectations run against memory and Redis.
 */
export function makeCase(overrides: Partial<Case> = {}): Case {
  const id = overrides.id ?? `case-${Math.random().toString(36).slice(2, 10)}`;
  return {
    id,
    ticketId: `TS-20261121-${id.slice(-4)}`,
    channel: 'web',
    customerId: 'customer-1',
    conversationId: 'conv-1',
    status: 'open',
    category: 'billing_dispute',
    issues: [{ category: 'billing_dispute', text: '多扣了我80块', answers: { month: '10月' } }],
    slots: { amount: '80' },
    anger: 0.4,
    signals: [],
    escalationRisk: false,
    wantsHuman: false,
    summary: '10月账单多扣80元',
    acceptedAt: '2026-11-21T08:00:00.000Z',
    responseDueAt: '2026-11-22T08:00:00.000Z',
    attachments: [],
    transcript: [{ from: 'customer', text: '多扣了我80块', at: '2026-11-21T08:00:00.000Z' }],
    updatedAt: '2026-11-21T08:00:00.000Z',
    ...overrides,
  };
}

export function storeContract(name: string, open: () => Promise<Store | undefined>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store?.close();
    });

    /** Runs a test body only when the implementation is available (Redis may be absent locally). */
    const it_ = (title: string, body: (s: Store) => Promise<void>) =>
      it(title, async () => {
        if (!store) {
          console.warn(`skipped (${name} unavailable): ${title}`);
          return;
        }
        await body(store);
      });

    it_('numbers tickets per day without gaps or repeats, even concurrently', async (s) => {
      const seqs = await Promise.all(Array.from({ length: 20 }, () => s.nextTicketSequence('20261121')));
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await s.nextTicketSequence('20261122')).toBe(1);
    });

    it_('saves, reads, replaces and lists cases', async (s) => {
      const a = makeCase({ id: 'case-aaaa', acceptedAt: '2026-11-21T08:00:00.000Z' });
      const b = makeCase({ id: 'case-bbbb', customerId: 'customer-2', status: 'queued', acceptedAt: '2026-11-21T09:00:00.000Z' });
      await s.saveCase(a);
      await s.saveCase(b);
      expect(await s.getCase('case-aaaa')).toEqual(a);
      expect(await s.getCaseByTicket(b.ticketId)).toEqual(b);
      expect(await s.getCase('missing')).toBeUndefined();
      expect((await s.listCases()).map((c) => c.id)).toEqual(['case-bbbb', 'case-aaaa']);
      expect((await s.listCases({ status: 'queued' })).map((c) => c.id)).toEqual(['case-bbbb']);
      expect((await s.listCases({ customerId: 'customer-1' })).map((c) => c.id)).toEqual(['case-aaaa']);

      await s.saveCase({ ...a, status: 'resolved' });
      expect((await s.getCase('case-aaaa'))?.status).toBe('resolved');
      // A status change moves the case between the filtered lists.
      expect((await s.listCases({ status: 'open' })).map((c) => c.id)).toEqual([]);
      expect((await s.listCases({ status: 'resolved' })).map((c) => c.id)).toEqual(['case-aaaa']);
      expect((await s.listCases({ status: 'resolved', customerId: 'customer-2' })).map((c) => c.id)).toEqual([]);
      expect(await s.listCases()).toHaveLength(2);
    });

    it_('keeps the status and customer listings right through changes and deletions', async (s) => {
      const a = makeCase({ id: 'case-ix-a', ticketId: 'TS-20261121-0801', status: 'queued', acceptedAt: '2026-11-21T08:00:00.000Z' });
      const b = makeCase({ id: 'case-ix-b', ticketId: 'TS-20261121-0802', status: 'queued', acceptedAt: '2026-11-21T09:00:00.000Z' });
      await s.saveCase(a);
      await s.saveCase(b);
      const ids = async (filter: Parameters<Store['listCases']>[0]) => (await s.listCases(filter)).map((c) => c.id);
      expect(await ids({ status: 'queued' })).toEqual(['case-ix-b', 'case-ix-a']);
      expect(await ids({ customerId: 'customer-1' })).toEqual(['case-ix-b', 'case-ix-a']);
      // Saved again with another status and customer: listed under the new ones only.
      await s.saveCase({ ...a, status: 'active', customerId: 'customer-3' });
      expect(await ids({ status: 'queued' })).toEqual(['case-ix-b']);
      expect(await ids({ status: 'active' })).toEqual(['case-ix-a']);
      expect(await ids({ customerId: 'customer-1' })).toEqual(['case-ix-b']);
      expect(await ids({ customerId: 'customer-3', status: 'active' })).toEqual(['case-ix-a']);
      await s.deleteCase('case-ix-b');
      expect(await ids({ status: 'queued' })).toEqual([]);
      expect(await ids({ customerId: 'customer-1' })).toEqual([]);
      expect(await ids({})).toEqual(['case-ix-a']);
    });

    it_('finds what the retention sweep and the result-notice watch need, and nothing else', async (s) => {
      const deadlines = {
        firstResponseDueAt: '2026-11-21T09:00:00.000Z',
        solutionDueAt: '2026-11-23T08:00:00.000Z',
        resultNoticeDueAt: '2026-11-24T08:00:00.000Z',
      };
      const resolution = { cause: '计费错误', solution: '退费', resolvedAt: '2026-11-22T08:00:00.000Z', resolvedBy: 'boss' };
      const expired = makeCase({
        id: 'sweep-expired',
        ticketId: 'TS-20261121-0901',
        status: 'resolved',
        resolution,
        archivedAt: '2026-11-22T08:00:00.000Z',
        retainUntil: '2026-12-01T00:00:00.000Z',
        resultNoticeAt: '2026-11-22T08:00:00.000Z',
        deadlines,
      });
      const kept = makeCase({
        id: 'sweep-kept',
        ticketId: 'TS-20261121-0902',
        status: 'resolved',
        resolution,
        archivedAt: '2026-11-22T08:00:00.000Z',
        retainUntil: '2029-11-22T08:00:00.000Z',
        resultNoticeAt: '2026-11-22T08:00:00.000Z',
        deadlines,
      });
      const unstamped = makeCase({
        id: 'sweep-unstamped',
        ticketId: 'TS-20261121-0903',
        status: 'resolved',
        resolution,
        resultNoticeAt: '2026-11-22T08:00:00.000Z',
        deadlines,
      });
      const owed = makeCase({
        id: 'sweep-owed',
        ticketId: 'TS-20261121-0904',
        status: 'resolved',
        resolution,
        archivedAt: '2026-11-22T08:00:00.000Z',
        retainUntil: '2029-11-22T08:00:00.000Z',
        deadlines,
      });
      const live = makeCase({ id: 'sweep-live', ticketId: 'TS-20261121-0905', status: 'active', deadlines });
      for (const c of [expired, kept, unstamped, owed, live]) await s.saveCase(c);
      const ids = async (filter: Parameters<Store['listCases']>[0]) => (await s.listCases(filter)).map((c) => c.id).sort();
      expect(await ids({ retainedUntilBefore: '2026-12-02T00:00:00.000Z' })).toEqual(['sweep-expired']);
      expect(await ids({ retainedUntilBefore: '2026-11-30T00:00:00.000Z' })).toEqual([]);
      expect(await ids({ unarchivedResolved: true })).toEqual(['sweep-unstamped']);
      expect(await ids({ awaitingResultNotice: true })).toEqual(['sweep-owed']);
      // The notice goes out: the case is no longer owed one.
      await s.saveCase({ ...owed, resultNoticeAt: '2026-11-23T08:00:00.000Z' });
      expect(await ids({ awaitingResultNotice: true })).toEqual([]);
    });

    it_('deletes a case and its ticket index, and ignores a missing id', async (s) => {
      const keep = makeCase({ id: 'case-keep', acceptedAt: '2026-11-21T08:00:00.000Z' });
      const gone = makeCase({ id: 'case-gone', acceptedAt: '2026-11-21T09:00:00.000Z' });
      await s.saveCase(keep);
      await s.saveCase(gone);
      await s.deleteCase('case-gone');
      await s.deleteCase('case-never-was');
      expect(await s.getCase('case-gone')).toBeUndefined();
      expect(await s.getCaseByTicket(gone.ticketId)).toBeUndefined();
      expect((await s.listCases()).map((c) => c.id)).toEqual(['case-keep']);
      expect(await s.getCaseByTicket(keep.ticketId)).toEqual(keep);
    });

    it_('finds cases by phone number however it was typed, and follows a changed number', async (s) => {
      const a = makeCase({ id: 'case-ph-a', slots: { phone: '13812345678' } });
      const b = makeCase({ id: 'case-ph-b', slots: { phone: '139 8765 4321' }, acceptedAt: '2026-11-21T09:00:00.000Z' });
      await s.saveCase(a);
      await s.saveCase(b);
      await s.saveCase(makeCase({ id: 'case-ph-none' }));
      const ids = async (phone: string) => (await s.listCases({ phone })).map((c) => c.id);
      expect(await ids('+86 138-1234-5678')).toEqual(['case-ph-a']);
      expect(await ids('13987654321')).toEqual(['case-ph-b']);
      expect(await ids('13800000000')).toEqual([]);
      await s.saveCase({ ...a, slots: { phone: '13987654321' } });
      expect(await ids('13812345678')).toEqual([]);
      expect(await ids('13987654321')).toEqual(['case-ph-b', 'case-ph-a']);
      await s.deleteCase('case-ph-b');
      expect(await ids('13987654321')).toEqual(['case-ph-a']);
      expect(await s.listCases({ phone: '13987654321', status: 'resolved' })).toEqual([]);
    });

    it_('returns copies: changing a read case does not change the store', async (s) => {
      await s.saveCase(makeCase({ id: 'case-cccc' }));
      const read = (await s.getCase('case-cccc'))!;
      read.status = 'resolved';
      expect((await s.getCase('case-cccc'))?.status).toBe('open');
    });

    it_('keeps conversation logs with watermarks', async (s) => {
      expect(await s.readActivities('conv-x', -1)).toEqual([]);
      expect(await s.appendActivity('conv-x', { type: 'message', text: '一' })).toBe(0);
      expect(await s.appendActivity('conv-x', { type: 'message', text: '二' })).toBe(1);
      expect(await s.appendActivity('conv-y', { type: 'message', text: 'other' })).toBe(0);
      const all = await s.readActivities('conv-x', -1);
      expect(all.map((a) => [a.watermark, a.activity.text])).toEqual([
        [0, '一'],
        [1, '二'],
      ]);
      expect((await s.readActivities('conv-x', 0)).map((a) => a.activity.text)).toEqual(['二']);
      expect(await s.readActivities('conv-x', 1)).toEqual([]);
    });

    it_('keeps durable logs (audit, compliments) with watermarks, apart from conversation logs', async (s) => {
      expect(await s.readDurable('audit:case:c1', -1)).toEqual([]);
      expect(await s.appendDurable('audit:case:c1', { action: 'claim', detail: { 坐席: '07' } })).toBe(0);
      expect(await s.appendDurable('audit:case:c1', { action: 'resolve' })).toBe(1);
      expect(await s.appendDurable('audit:case:c2', { action: 'claim' })).toBe(0);
      // Several at once are numbered apart, none lost.
      const marks = await Promise.all([2, 3, 4, 5].map((i) => s.appendDurable('audit:case:c1', { action: 'note', i })));
      expect([...marks].sort()).toEqual([2, 3, 4, 5]);
      const all = await s.readDurable('audit:case:c1', -1);
      expect(all.map((a) => a.watermark)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(all[0].activity).toEqual({ action: 'claim', detail: { 坐席: '07' } });
      expect((await s.readDurable('audit:case:c1', 3)).map((a) => a.watermark)).toEqual([4, 5]);
      expect(await s.readDurable('audit:case:c1', 5)).toEqual([]);
      expect((await s.readDurable('audit:case:c2', -1)).map((a) => a.activity.action)).toEqual(['claim']);
    });

    it_('keeps records until they expire or are deleted', async (s) => {
      await s.putRecord('session', 'a', { user: 'u1' });
      await s.putRecord('session', 'b', { user: 'u2' }, 1);
      expect(await s.getRecord('session', 'a')).toEqual({ user: 'u1' });
      expect(await s.getRecord('session', 'b')).toEqual({ user: 'u2' });
      expect(await s.getRecord('other', 'a')).toBeUndefined();
      await s.deleteRecord('session', 'a');
      expect(await s.getRecord('session', 'a')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1100));
      expect(await s.getRecord('session', 'b')).toBeUndefined();
    });

    it_('lists the unexpired records of one kind', async (s) => {
      expect(await s.listRecords('live')).toEqual([]);
      await s.putRecord('live', 'a', { n: 1 });
      await s.putRecord('live', 'b', { n: 2 }, 1);
      await s.putRecord('live', 'c', { n: 3 }, 60);
      await s.putRecord('other', 'x', { n: 9 });
      await s.putRecord('live', 'a', { n: 10 }, 60);
      const byId = (list: { id: string; value: unknown }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(await s.listRecords('live'))).toEqual([
        { id: 'a', value: { n: 10 } },
        { id: 'b', value: { n: 2 } },
        { id: 'c', value: { n: 3 } },
      ]);
      await s.deleteRecord('live', 'c');
      expect(await s.putRecordIfAbsent('live', 'd', { n: 4 })).toEqual({ n: 4 });
      await new Promise((r) => setTimeout(r, 1100));
      expect(byId(await s.listRecords('live'))).toEqual([
        { id: 'a', value: { n: 10 } },
        { id: 'd', value: { n: 4 } },
      ]);
      expect(await s.listRecords('other')).toEqual([{ id: 'x', value: { n: 9 } }]);
    });

    it_('keeps the first of two concurrent put-if-absent writers', async (s) => {
      const results = await Promise.all([s.putRecordIfAbsent('secret', 'x', 'first'), s.putRecordIfAbsent('secret', 'x', 'second')]);
      expect(results[0]).toBe(results[1]);
      expect(await s.getRecord('secret', 'x')).toBe(results[0]);
    });

    it_('delivers published messages to subscribers until they unsubscribe', async (s) => {
      const got: unknown[] = [];
      const unsubscribe = await s.subscribe('topic-a', (m) => got.push(m));
      await s.publish('topic-a', { n: 1 });
      await s.publish('topic-b', { n: 99 });
      await waitFor(() => got.length === 1);
      expect(got).toEqual([{ n: 1 }]);
      await unsubscribe();
      await s.publish('topic-a', { n: 2 });
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([{ n: 1 }]);
    });

    it_('appends and announces in one step: subscribers get the entry with its watermark', async (s) => {
      const got: unknown[] = [];
      const unsubscribe = await s.subscribe('log-topic', (m) => got.push(m));
      expect(await s.appendActivity('conv-a', { type: 'message', text: '一' })).toBe(0);
      const activity = { type: 'message', text: '宽带又断了，电话13812345678', channelData: { n: [1, 2] } };
      expect(await s.appendAndAnnounce('conv-a', activity, 'log-topic')).toBe(1);
      expect(await s.appendAndAnnounce('conv-a', { type: 'typing' }, 'log-topic')).toBe(2);
      await waitFor(() => got.length === 2);
      expect(got).toEqual([
        { watermark: 1, activity },
        { watermark: 2, activity: { type: 'typing' } },
      ]);
      // Only a store makes these: nothing published as JSON can pass for one.
      for (const m of got) expect(m).toBeInstanceOf(AnnouncedEntry);
      // The log holds exactly what was announced, numbered with the plain appends.
      expect((await s.readActivities('conv-a', -1)).map((e) => e.activity.text ?? e.activity.type)).toEqual([
        '一',
        activity.text,
        'typing',
      ]);
      await unsubscribe();
      // Nobody listening: the entry is still kept.
      expect(await s.appendAndAnnounce('conv-a', { type: 'message', text: '三' }, 'log-topic')).toBe(3);
      expect((await s.readActivities('conv-a', 2)).map((e) => e.activity.text)).toEqual(['三']);
    });

    it_('grants a lease to one owner at a time, renews it, and frees it', async (s) => {
      expect(await s.acquireLease('login', 'A', 300)).toBe(true);
      expect(await s.acquireLease('login', 'B', 300)).toBe(false);
      expect(await s.acquireLease('login', 'A', 300)).toBe(true);
      await s.releaseLease('login', 'B');
      expect(await s.acquireLease('login', 'B', 300)).toBe(false);
      await s.releaseLease('login', 'A');
      expect(await s.acquireLease('login', 'B', 300)).toBe(true);
      await new Promise((r) => setTimeout(r, 400));
      expect(await s.acquireLease('login', 'A', 300)).toBe(true);
    });

    it_('counts parallel hits on a counter exactly, each counter on its own', async (s) => {
      const hits = await Promise.all(Array.from({ length: 50 }, () => s.hitCounter('flood:conv-1', 60_000)));
      expect([...hits.map((h) => h.count)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      for (const h of hits) {
        expect(h.resetInMs).toBeGreaterThan(55_000);
        expect(h.resetInMs).toBeLessThanOrEqual(60_000);
      }
      expect((await s.hitCounter('flood:conv-2', 60_000)).count).toBe(1);
      expect((await s.hitCounter('flood:conv-1', 60_000)).count).toBe(51);
    });

    it_('starts a counter again when its window has passed, and keeps the window fixed while hit', async (s) => {
      const first = await s.hitCounter('short', 400);
      expect(first.count).toBe(1);
      await new Promise((r) => setTimeout(r, 200));
      const second = await s.hitCounter('short', 400);
      // A later hit does not move the reset: the window runs from the first hit.
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeLessThanOrEqual(first.resetInMs - 150);
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.hitCounter('short', 400)).toMatchObject({ count: 1 });
    });

    it_('resets a counter on request, and ignores a missing one', async (s) => {
      await s.hitCounter('login:alice', 60_000);
      await s.hitCounter('login:alice', 60_000);
      await s.resetCounter('login:alice');
      await s.resetCounter('login:nobody');
      expect((await s.hitCounter('login:alice', 60_000)).count).toBe(1);
    });

    it_('stores bot state with eTag concurrency', async (s) => {
      await s.botStorage.write({ 'conv/1': { step: 1, eTag: '*' } });
      const first = await s.botStorage.read(['conv/1', 'missing']);
      expect(first['conv/1'].step).toBe(1);
      expect(first.missing).toBeUndefined();
      const tag = first['conv/1'].eTag;
      expect(typeof tag).toBe('string');

      await s.botStorage.write({ 'conv/1': { step: 2, eTag: tag } });
      // A writer holding the old eTag lost the race and must be refused.
      await expect(s.botStorage.write({ 'conv/1': { step: 3, eTag: tag } })).rejects.toThrow(/eTag/);
      expect((await s.botStorage.read(['conv/1']))['conv/1'].step).toBe(2);
      await s.botStorage.write({ 'conv/1': { step: 4, eTag: '*' } });
      expect((await s.botStorage.read(['conv/1']))['conv/1'].step).toBe(4);

      await s.botStorage.delete(['conv/1']);
      expect(await s.botStorage.read(['conv/1'])).toEqual({});
    });

    it_('appends to an event stream with growing ids and reads after an id, exclusively, in order', async (s) => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await s.appendEvent('events', { n: i, text: '多扣了我80块' }, 100));
      for (const id of ids) expect(isStreamId(id)).toBe(true);
      for (let i = 1; i < ids.length; i++) expect(compareStreamIds(ids[i - 1], ids[i])).toBeLessThan(0);

      expect(await s.readEvents('events', undefined, 10)).toEqual(ids.map((id, n) => ({ id, event: { n, text: '多扣了我80块' } })));
      expect((await s.readEvents('events', ids[1], 10)).map((e) => e.id)).toEqual(ids.slice(2));
      expect((await s.readEvents('events', ids[1], 2)).map((e) => e.id)).toEqual(ids.slice(2, 4));
      expect(await s.readEvents('events', ids[4], 10)).toEqual([]);
      expect(await s.readEvents('events', ids[0], 0)).toEqual([]);
      // A well-formed id the stream never gave is a position: before everything, or after it.
      expect((await s.readEvents('events', '0-0', 10)).map((e) => e.id)).toEqual(ids);
      expect(await s.readEvents('events', '99999999999999-0', 10)).toEqual([]);
      expect(await s.readEvents('no-such-stream', undefined, 10)).toEqual([]);
      // Streams are separate.
      expect(await s.readEvents('other', undefined, 10)).toEqual([]);
    });

    it_('refuses a malformed after-id with InvalidStreamIdError, not a store failure', async (s) => {
      await s.appendEvent('events', { n: 1 }, 10);
      for (const garbage of ['', 'abc', '12', '1-2-3', '-1-0', '1-x', '(1-0', '1-0 +', '99999999999999999999999-0']) {
        const read = s.readEvents('events', garbage, 10);
        await expect(read).rejects.toBeInstanceOf(InvalidStreamIdError);
        await expect(read).rejects.not.toBeInstanceOf(StoreUnavailableError);
      }
    });

    it_('keeps at least the newest maxLen entries of a stream and drops the oldest', async (s) => {
      // Redis trims approximately, whole nodes of 100 entries: enough appends that some must go.
      const ids: string[] = [];
      for (let i = 0; i < 350; i++) ids.push(await s.appendEvent('bounded', { n: i }, 10));
      const held = await s.readEvents('bounded', undefined, 1000);
      expect(held.length).toBeGreaterThanOrEqual(10);
      expect(held.length).toBeLessThan(350);
      expect(held.map((e) => e.id)).toEqual(ids.slice(-held.length));
      expect(held.at(-1)).toEqual({ id: ids[349], event: { n: 349 } });
      expect((await s.readEvents('bounded', ids[0], 1))[0].id).toBe(held[0].id);
    });

    it_('reports itself healthy while it can serve, quickly and without throwing', async (s) => {
      const started = Date.now();
      expect(await s.checkHealth()).toEqual({ ok: true });
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
