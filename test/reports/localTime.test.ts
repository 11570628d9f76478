import fc from 'fast-check';
import { localTime } from '../../src/reports/casesCsv';

/**
 * The export's times come from a cached offset per zone and quarter hour instead of Intl per
 * cell; they must read exactly as Intl writes them, also across daylight-saving changes, in
 * zones with half- and quarter-hour offsets, and right at the moment a change happens.
 */
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'UTC',
];

function viaIntl(ms: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe('export times', () => {
  it('read as Intl writes them, for any instant of 2000–2035 in any zone', () => {
    const from = Date.UTC(2000, 0, 1);
    const to = Date.UTC(2035, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...ZONES), (ms, zone) => localTime(ms, zone) === viaIntl(ms, zone)),
      { numRuns: 5000 },
    );
  });

  it("are right in a quarter hour that holds a change: St John's changed at 00:01 local until 2011", () => {
    const change = Date.UTC(2008, 10, 2, 2, 31);
    for (const ms of [change - 1000, change, change + 60_000])
      expect(localTime(ms, 'America/St_Johns')).toBe(viaIntl(ms, 'America/St_Johns'));
  });

  it('are right around each daylight-saving change, a second before and at it', () => {
    // Every quarter hour around the spring and autumn changes of 2026 in three kinds of zone.
    const windows = [
      ['America/New_York', Date.UTC(2026, 2, 8, 5)],
      ['America/New_York', Date.UTC(2026, 10, 1, 4)],
      ['Europe/London', Date.UTC(2026, 2, 29, 0)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15)],
    ] as const;
    for (const [zone, around] of windows) {
      for (let ms = around - 2 * 3_600_000; ms <= around + 2 * 3_600_000; ms += 900_000) {
        for (const at of [ms - 1000, ms, ms + 1000]) expect(`${zone} ${localTime(at, zone)}`).toBe(`${zone} ${viaIntl(at, zone)}`);
      }
    }
  });

  it('leaves a missing or unreadable time empty', () => {
    expect(localTime(undefined, 'Asia/Shanghai')).toBe('');
    expect(localTime('not a time', 'Asia/Shanghai')).toBe('');
    expect(localTime('2026-11-03T01:05:00.000Z', 'Asia/Shanghai')).toBe('2026-11-03 09:05:00');
  });
});
