import { CATEGORY_IDS } from '../../src/domain/category';
import type { Case } from '../../src/domain/case';
import { makeCase } from '../handoff/caseFactory';

/**
 * Cases for the report contracts (test/reports/reportSource, reportDays): every kind of figure,
 * spread over about 100 days from 2026-09-01, some just around Beijing midnight, from a seed.
 */
const HOUR = 3_600_000;

/** A small deterministic generator, so a failure names a population that can be made again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const SATISFACTIONS: unknown[] = [5, 4, 3, 1, '满意', '不满意', '一般', { score: 5 }, { score: 2 }, '非常满意'];
const CAUSES = [
  '计费错误',
  '  计费  错误 ',
  '网络覆盖',
  '网络覆盖',
  '员工态度',
  '流程繁琐',
  '系统故障',
  '系统故障',
  '宣传误导',
  '资费不清',
  '设备质量',
  '维修超时',
  '未告知',
];

export function population(n: number, seed: number): Case[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const start = Date.parse('2026-09-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    // Spread over about 100 days, with some just around Beijing midnight (16:00 UTC).
    const at =
      i % 7 === 0
        ? start + Math.floor(r() * 100) * 24 * HOUR + 16 * HOUR - Math.floor(r() * 2) * 60_000
        : start + Math.floor(r() * 100 * 24 * HOUR);
    const iso = (ms: number) => new Date(ms).toISOString();
    const responded = r() < 0.8 ? at + Math.floor(r() * 30 * HOUR) : undefined;
    const resolved = responded !== undefined && r() < 0.7 ? responded + Math.floor(r() * 72 * HOUR) : undefined;
    const status: Case['status'] =
      resolved !== undefined ? (r() < 0.9 ? 'resolved' : 'active') : responded !== undefined ? 'active' : pick(['queued', 'open'] as const);
    const c = makeCase({
      ticketId: `TS-REPORT-${seed}-${String(i).padStart(5, '0')}`,
      acceptedAt: iso(at),
      responseDueAt: r() < 0.05 ? 'not a time' : iso(at + pick([2, 24, 48]) * HOUR),
      channel: pick(['web', 'wechat', 'web'] as const),
      status,
      // Personal numbers for the export's masking: a phone on every fourth case, an ID on every eighth.
      slots: {
        ...(i % 4 === 0 ? { phone: `138${String(10_000_000 + i).slice(-8)}` } : {}),
        ...(i % 8 === 0 ? { idNumber: `11010119800101${String(1000 + (i % 9000)).slice(-4)}` } : {}),
      },
      ...(responded !== undefined && r() < 0.7 ? { claimedAt: iso(responded), owner: pick(['agent07', 'agent08']) } : {}),
      ...(resolved !== undefined
        ? {
            resolution: {
              cause: pick(CAUSES),
              solution: i % 6 ? '已处理' : `已回电 1391234${String(i % 10_000).padStart(4, '0')}`,
              resolvedAt: iso(resolved),
              resolvedBy: 'agent07',
            },
          }
        : {}),
    });
    if (responded !== undefined && !c.claimedAt) c.transcript.push({ from: 'agent', text: '您好', at: iso(responded), by: 'agent07' });
    const category = pick([...CATEGORY_IDS, null]);
    if (category === null) delete c.category;
    else c.category = category;
    if (r() < 0.5) (c as unknown as Record<string, unknown>).satisfaction = pick(SATISFACTIONS);
    return c;
  });
}
