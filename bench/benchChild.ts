import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { IntervalHistogram } from 'node:perf_hooks';

/**
 * A server the web benchmarks measure, in a process of its own: the clients' work (200 HTTP
 * connections, WebSocket frames, JSON) then runs on another event loop, as it does when the
 * customers are on their own phones. `script` is a file in bench/ that sends `{ port }` over IPC
 * once it listens and exits when its parent disconnects. BENCH_CHILD_ARGS (for example
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to node, to profile the server under load.
 */
export async function forkBenchServer(script: string, args: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const execArgv = (process.env.BENCH_CHILD_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(path.join(__dirname, script), args, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
    execArgv,
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

/** Asks the child a question over IPC and waits for the answer that carries `key`. */
export function askChild<T>(child: ChildProcess, question: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && key in m) {
        child.off('message', onMessage);
        resolve((m as Record<string, T>)[key]);
      }
    };
    child.on('message', onMessage);
    child.send(question);
  });
}

/** Disconnects and waits for the child to exit (a profiled child writes its profile on exit). */
export async function stopBenchServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.disconnect();
  await exited;
}

/** An event loop's delays, in ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** The delays a monitorEventLoopDelay histogram saw (it counts in nanoseconds). */
export function loopDelayOf(h: IntervalHistogram): LoopDelay {
  return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}
