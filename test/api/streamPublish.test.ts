import { STAFF_EVENTS_TOPIC, type StaffEvent } from '../../src/domain/staffEvents';
import { publishStaffEvent, STAFF_EVENTS_STREAM } from '../../src/store/staffEventStream';
import { createLogger } from '../../src/logging/logger';
import { MemoryStore } from '../../src/store/memoryStore';
import { StoreUnavailableError } from '../../src/store/store';

const EVENT: StaffEvent = { resource: 'case', type: 'created', id: 'case-1', payload: { status: 'queued' } };

describe('publishStaffEvent', () => {
  it('appends the event to the staff-events stream and publishes it live with its stream id', async () => {
    const store = new MemoryStore();
    const live: unknown[] = [];
    await store.subscribe(STAFF_EVENTS_TOPIC, (m) => live.push(m));
    const published = await publishStaffEvent(store, EVENT, createLogger('silent'));
    await new Promise((r) => setImmediate(r));
    const [entry] = await store.readEvents(STAFF_EVENTS_STREAM, undefined, 10);
    expect(entry).toEqual({ id: published.streamId, event: EVENT });
    expect(live).toEqual([{ ...EVENT, streamId: entry.id }]);
  });

  it('still publishes live, without an id, and logs, when the stream cannot be appended to', async () => {
    const store = new MemoryStore();
    store.appendEvent = () => Promise.reject(new StoreUnavailableError('down'));
    const live: unknown[] = [];
    await store.subscribe(STAFF_EVENTS_TOPIC, (m) => live.push(m));
    const logger = createLogger('silent');
    const warn = jest.spyOn(logger, 'warn');
    await expect(publishStaffEvent(store, EVENT, logger)).resolves.toEqual(EVENT);
    await new Promise((r) => setImmediate(r));
    expect(live).toEqual([EVENT]);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
