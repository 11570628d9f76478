import { tick, toConversations, toOverview } from '../../src/web/supervisor/model';
import { qrPath } from '../../src/web/supervisor/qr';

/** The supervisor view reads the supervision API through these: shapes it tolerates, and the ticking counters. */
describe('supervisor view model', () => {
  it('reads conversation rows (repeat as a flag or as {repeat, count}), sorted by stall score', () => {
    const rows = toConversations(
      [
        {
          id: 'a',
          ticketId: 'T-1',
          status: 'queued',
          channel: 'web',
          owner: null,
          waitingSeconds: 30,
          agentSilentSeconds: null,
          deadlineSeconds: 500,
          angerTrend: [0.2, 0.5],
          repeat: false,
          stalled: false,
          stallReasons: [],
          score: 10,
        },
        {
          id: 'b',
          ticketId: 'T-2',
          status: 'active',
          channel: 'wechat',
          owner: 'agent07',
          waitingSeconds: 5,
          agentSilentSeconds: 90,
          deadlineSeconds: -20,
          angerTrend: [0.4, 0.9, 'x'],
          repeat: { repeat: true, count: 2 },
          stalled: true,
          stallReasons: ['客服已 90 秒未回复'],
          score: 80,
        },
        { ticketId: 'no id' },
      ],
      1000,
    );
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(rows[0]).toMatchObject({
      owner: 'agent07',
      repeat: true,
      repeatCount: 2,
      stalled: true,
      stallReasons: ['客服已 90 秒未回复'],
      angerTrend: [0.4, 0.9],
    });
    expect(rows[1]).toMatchObject({ owner: undefined, agentSilentSeconds: undefined, repeat: false });
  });

  it('ticks counters up and deadlines down from the moment they were read', () => {
    expect(tick(30, 1000, 6000)).toBe(35);
    expect(tick(100, 1000, 6000, -1)).toBe(95);
    expect(tick(undefined, 1000, 6000)).toBeUndefined();
  });

  it('reads the overview, with the WeChat QR value, and draws a QR code for it', () => {
    const o = toOverview({
      agents: [{ username: 'agent07', agentNo: '01', openCases: 2 }, { nope: 1 }],
      wechat: { enabled: true, role: 'leader', login: 'scan-qr', qrcodeUrl: 'https://login.weixin.qq.com/l/abc' },
    });
    expect(o.agents).toEqual([{ username: 'agent07', agentNo: '01', openCases: 2, role: undefined }]);
    expect(o.wechat).toMatchObject({ enabled: true, login: 'scan-qr', qrcodeUrl: 'https://login.weixin.qq.com/l/abc' });
    const qr = qrPath(o.wechat!.qrcodeUrl!)!;
    expect(qr.size).toBeGreaterThanOrEqual(21);
    expect(qr.d).toMatch(/^M\d+ \d+h1v1h-1z/);
  });
});
