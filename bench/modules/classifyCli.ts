/**
 * Throughput of the real CLI: 20,000 short messages piped through `complaint-desk classify`,
 * wall time including process start, dictionary and model loading. Best and median of three runs:
 * 20,000 distinct lines in one thread (the default) and with worker threads, and the corpus lines
 * repeated as they are (where the answer cache helps). Then the same distinct lines at other
 * sizes: start-up and warm-up weigh on a short input, and fade on a long one.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../intents/packageRoot';
import type { BenchModule } from '../benchModule';
import { shortMessages } from './shortMessages';

const LINES = 20000;
const RUNS = 3;
/** Other input sizes, distinct lines, default settings. */
const SIZES = [2000, 60000];

function timeRun(input: string, env: NodeJS.ProcessEnv, expected = LINES): { ms: number; lines: number; ok: boolean } {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(packageRoot(), 'bin', 'complaint-desk.js'), 'classify'], {
    input,
    encoding: 'utf8',
    env,
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const out = r.stdout.split('\n').filter(Boolean);
  const ok = r.status === 0 && out.length === expected && out.every((l) => l.startsWith('{"category":'));
  return { ms, lines: out.length, ok };
}

export const classifyCli: BenchModule = {
  name: 'classify-cli',
  description: `lines/s for ${LINES} short messages through \`complaint-desk classify\` (wall time incl. startup)`,
  run() {
    const messages = shortMessages(LINES);
    const input = messages.join('\n') + '\n';
    const cycled = shortMessages(LINES, { distinct: false }).join('\n') + '\n';
    const meanChars = messages.reduce((a, m) => a + m.length, 0) / messages.length;
    const lines: string[] = [
      `input: ${LINES} distinct lines, mean ${meanChars.toFixed(1)} characters, ${(Buffer.byteLength(input) / 1024).toFixed(0)} KiB; ${os.availableParallelism?.() ?? os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}`,
    ];
    const figures: Record<string, unknown> = { lines: LINES, meanChars };
    const startup = timeRun('', { ...process.env });
    lines.push(`startup alone (empty input): ${startup.ms.toFixed(0)} ms`);
    for (const [label, key, text, env] of [
      ['distinct lines, default (one thread)', 'default', input, { ...process.env, COMPLAINT_DESK_WORKERS: '' }],
      ['distinct lines, COMPLAINT_DESK_WORKERS=auto', 'workers', input, { ...process.env, COMPLAINT_DESK_WORKERS: 'auto' }],
      ['corpus lines repeated (answer cache helps), default', 'repeated', cycled, { ...process.env, COMPLAINT_DESK_WORKERS: '' }],
    ] as Array<[string, string, string, NodeJS.ProcessEnv]>) {
      const runs = Array.from({ length: RUNS }, () => timeRun(text, env));
      if (runs.some((r) => !r.ok)) throw new Error(`classify produced ${runs.map((r) => r.lines).join('/')} lines, expected ${LINES}`);
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      const best = ms[0];
      const median = ms[Math.floor(ms.length / 2)];
      lines.push(
        `${label}: best ${best.toFixed(0)} ms = ${Math.round((LINES / best) * 1000)} lines/s; median ${median.toFixed(0)} ms = ${Math.round((LINES / median) * 1000)} lines/s`,
      );
      figures[key] = {
        bestMs: best,
        medianMs: median,
        linesPerSecondBest: (LINES / best) * 1000,
        linesPerSecondMedian: (LINES / median) * 1000,
      };
    }
    const bySize: Record<string, unknown> = {};
    for (const size of SIZES) {
      const text = shortMessages(size).join('\n') + '\n';
      const runs = Array.from({ length: RUNS }, () => timeRun(text, { ...process.env, COMPLAINT_DESK_WORKERS: '' }, size));
      if (runs.some((r) => !r.ok)) throw new Error(`classify produced ${runs.map((r) => r.lines).join('/')} lines, expected ${size}`);
      const best = Math.min(...runs.map((r) => r.ms));
      lines.push(`${size} distinct lines, default: best ${best.toFixed(0)} ms = ${Math.round((size / best) * 1000)} lines/s`);
      bySize[size] = { bestMs: best, linesPerSecondBest: (size / best) * 1000 };
    }
    figures.bySize = bySize;
    figures.startupMs = startup.ms;
    return { lines, figures };
  },
};
