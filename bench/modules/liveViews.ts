/**
 * What the live views cost with a large archive in Redis: ARCHIVE resolved cases (each about the
 * size of a real one: a transcript of a dozen lines, a resolution, a survey) plus LIVE open,
 * queued and active ones, then the supervisor board, the agent queue and the report summary,
 * each timed over the HTTP API as a console calls it. The board and the queue should cost what
 * is live; the report summary still reads every case (its SQL aggregate is the archive's job).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BENCH_SECRETS } from '../benchSecrets';
import type { BenchModule, BenchResult } from '../benchModule';
import { figures, line } from '../latencyFigures';
import { BENCH_SUPERVISOR_USERS, supervisorToken, timedGets } from '../staffProbe';
import { createApp } from '../../src/index';
import { loadConfig } from '../../src/config/env';
import { storeProtection } from '../../src/config/secrets';
import type { CaseStatus } from '../../src/domain/case';
import { benchCase } from '../benchCases';
import { RedisStore } from '../../src/store/redisStore';
import { deleteKeysUnder, redisAnswers } from '../../src/store/redisMaintenance';

const ARCHIVE = Number(process.env.LIVE_VIEWS_ARCHIVE ?? 20_000);
const LIVE = Number(process.env.LIVE_VIEWS_LIVE ?? 60);
const ROUNDS = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function seed(prefix: string): Promise<number> {
  const store = new RedisStore({ url: REDIS_URL, prefix, ...storeProtection(loadConfig(BENCH_SECRETS)) });
  await store.ready();
  const started = performance.now();
  const now = Date.now();
  const statuses: CaseStatus[] = ['open', 'queued', 'active'];
  for (let i = 0; i < ARCHIVE + LIVE; i += 200) {
    const batch = [];
    for (let j = i; j < Math.min(i + 200, ARCHIVE + LIVE); j++) {
      const live = j >= ARCHIVE;
      batch.push(
        store.saveCase(
          benchCase(
            j,
            Math.max(1, Math.floor(ARCHIVE / 3)),
            live ? statuses[j % 3] : 'resolved',
            new Date(now - (live ? 600_000 : (j % 365) * 86_400_000)),
          ),
        ),
      );
    }
    await Promise.all(batch);
  }
  await store.close();
  return performance.now() - started;
}

export const liveViews: BenchModule = {
  name: 'live-views',
  description: `supervisor board, agent queue and report summary with ${ARCHIVE} resolved cases and ${LIVE} live ones in Redis`,
  async run(): Promise<BenchResult> {
    if (!(await redisAnswers(REDIS_URL))) return { lines: ['skipped: no Redis answers at REDIS_URL'], figures: {} };
    const prefix = `bench:live-views:${randomUUID()}:`;
    try {
      const seedMs = await seed(prefix);
      const app = createApp({
        port: 0,
        host: '127.0.0.1',
        redisUrl: REDIS_URL,
        redisPrefix: prefix,
        env: { ...BENCH_SECRETS, LOG_LEVEL: 'silent', BOOTSTRAP_USERS: BENCH_SUPERVISOR_USERS },
      });
      await app.start();
      try {
        const base = `http://127.0.0.1:${app.port}`;
        const token = await supervisorToken(base);
        const board = figures(await timedGets(`${base}/api/supervisor/conversations`, token, ROUNDS));
        const queue = figures(await timedGets(`${base}/api/cases?status=queued`, token, ROUNDS));
        const summary = figures(await timedGets(`${base}/api/reports/summary`, token, ROUNDS));
        const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
        return {
          lines: [
            `seeded ${ARCHIVE + LIVE} cases in ${(seedMs / 1000).toFixed(1)} s`,
            `supervisor board:  ${line(board)}`,
            `agent queue:       ${line(queue)}`,
            `report summary:    ${line(summary)}`,
            `process RSS after: ${rss} MB`,
          ],
          figures: { archive: ARCHIVE, live: LIVE, board, queue, summary, rssMb: rss },
        };
      } finally {
        await app.stop();
      }
    } finally {
      await deleteKeysUnder(REDIS_URL, prefix);
    }
  },
};
