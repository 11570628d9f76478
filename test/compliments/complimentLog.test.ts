import { ComplimentLog } from '../../src/compliments/complimentLog';
import { summarize, RECENT_COMPLIMENTS } from '../../src/reports/summary';
import { MemoryStore } from '../../src/store/memoryStore';

const TZ = 'Asia/Shanghai';

describe('compliments', () => {
  it('keeps the praise masked, by the day it came in the desk’s time zone', async () => {
    let now = new Date('2026-11-30T15:59:00Z'); // 23:59 on 11-30 in Shanghai
    const log = new ComplimentLog(new MemoryStore(), () => now);
    const base = { channel: 'web' as const, customerId: 'u1', conversationId: 'c1' };
    await log.record({ ...base, text: '  师傅很专业，我电话13812345678，给他点赞  ' });
    now = new Date('2026-11-30T16:01:00Z'); // 00:01 on 12-01
    await log.record({ ...base, channel: 'wechat', text: '上回投诉的事处理好了，辛苦你们了' });

    const november = await log.between('2026-11-01', '2026-11-30', TZ);
    expect(november.map((c) => c.text)).toEqual([expect.stringMatching(/^师傅很专业，我电话138\*+5678，给他点赞$/)]);
    expect(JSON.stringify(november)).not.toContain('13812345678');
    expect(JSON.stringify(november)).not.toContain('u1');
    expect((await log.between('2026-12-01', '2026-12-31', TZ)).map((c) => c.channel)).toEqual(['wechat']);
  });

  it('counts compliments in the report and quotes the newest first', async () => {
    const compliments = Array.from({ length: RECENT_COMPLIMENTS + 2 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 10, 1, 2, i)).toISOString(),
      channel: i % 3 === 0 ? 'wechat' : 'web',
      conversationId: `c${i}`,
      text: `表扬 ${i}`,
    })) as Parameters<typeof summarize>[0]['compliments'];
    const s = summarize({
      cases: [],
      from: '2026-11-01',
      to: '2026-11-30',
      now: new Date('2026-12-01T00:00:00Z'),
      timeZone: TZ,
      compliments,
    });
    expect(s.compliments.total).toBe(RECENT_COMPLIMENTS + 2);
    expect(s.compliments.byChannel).toEqual({ web: 8, wechat: 4 });
    expect(s.compliments.recent).toHaveLength(RECENT_COMPLIMENTS);
    expect(s.compliments.recent[0].text).toBe(`表扬 ${RECENT_COMPLIMENTS + 1}`);
    // Praise is no complaint: it never shows in the complaint counts.
    expect(s.counts.total).toBe(0);
  });
});
