/**
 * `npm run bench`: runs the benchmark modules and prints their figures.
 *
 *   node dist/bench/run.js                 all modules
 *   node dist/bench/run.js classify-cli    only the named ones
 *   node dist/bench/run.js --list
 *   node dist/bench/run.js --json          one JSON object per module on stdout
 *
 * To add a benchmark: write bench/modules/<name>.ts exporting a BenchModule and add a line to
 * MODULES below. Modules are required only when they run, so a benchmark that starts a server
 * costs nothing to the others.
 */
import { parseArgs } from 'util';
import type { BenchModule, BenchResult } from './benchModule';

/* eslint-disable @typescript-eslint/no-require-imports */
export const MODULES: Array<{ name: string; load: () => BenchModule }> = [
  { name: 'classify-cli', load: () => require('./modules/classifyCli').classifyCli },
  { name: 'classify-latency', load: () => require('./modules/classifyLatency').classifyLatency },
  { name: 'heldout', load: () => require('./modules/heldoutFigures').heldoutFigures },
  { name: 'grievances-synthetic', load: () => require('./modules/syntheticGrievances').syntheticGrievancesBench },
  { name: 'workorders-cv', load: () => require('./modules/workordersCrossValidation').workordersCrossValidation },
  {
    name: 'workorders-synthetic-cv',
    load: () => require('./modules/syntheticWorkOrdersCrossValidation').syntheticWorkOrdersCrossValidation,
  },
  { name: 'baseline-natural-bayes', load: () => require('./modules/naturalBayesBaseline').naturalBayesBaseline },
  { name: 'relay-latency', load: () => require('./modules/relayLatency').relayLatency },
  { name: 'web-turns', load: () => require('./modules/webTurns').webTurns },
  { name: 'idle-memory', load: () => require('./modules/idleMemory').idleMemory },
  { name: 'wechat-turns', load: () => require('./modules/wechatTurns').wechatTurns },
  { name: 'live-views', load: () => require('./modules/liveViews').liveViews },
  { name: 'archive-scale', load: () => require('./modules/archiveScale').archiveScale },
  { name: 'queue-to-offer', load: () => require('./modules/queueToOffer').queueToOffer },
];
/* eslint-enable @typescript-eslint/no-require-imports */

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { list: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (values.list) {
    for (const entry of MODULES) process.stdout.write(`${entry.name.padEnd(28)} ${entry.load().description}\n`);
    return;
  }
  const unknown = positionals.filter((p) => !MODULES.some((m) => m.name === p));
  if (unknown.length) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')} (see --list)\n`);
    process.exitCode = 2;
    return;
  }
  const selected = positionals.length ? MODULES.filter((m) => positionals.includes(m.name)) : MODULES;
  for (const entry of selected) {
    const started = Date.now();
    let result: BenchResult;
    let m: BenchModule | undefined;
    try {
      m = entry.load();
      result = await m.run();
    } catch (err) {
      process.stderr.write(`${entry.name}: failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
      continue;
    }
    if (values.json) process.stdout.write(JSON.stringify({ name: entry.name, ...result, benchMs: Date.now() - started }) + '\n');
    else {
      process.stdout.write(`\n== ${m.name}: ${m.description} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      for (const line of result.lines) process.stdout.write(`   ${line}\n`);
    }
  }
}

void main();
