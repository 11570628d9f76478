/**
 * `complaint-desk classify [--model FILE] [--workers N]`: one JSON object per input line, in
 * order, on stdout and nothing else there.
 *
 * Streams: lines are answered as chunks arrive, in numbered batches, and written in input order.
 * With --workers N, worker threads join once the input turns out to be bulk (a big chunk or many
 * lines: a pipe or a file, not a person typing); this thread keeps classifying while they load,
 * then shares the work with them. stdin is paused while stdout or the backlog is full. Repeated
 * lines are answered from a cache (the answer depends on the text only).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { loadRecognizer } from '../../../intents';
import { AnswerCache, formatLine } from '../classifyFormat';
import { CliUsageError, parseCommand } from '../command';

const BATCH = 256;
/** Input that shows a bulk job: one chunk this large, or this many lines so far. */
const BULK_CHUNK = 16 * 1024;
const BULK_LINES = 1000;
/** Batches in flight per worker (keeps each busy while its last answer travels back). */
const IN_FLIGHT = 2;
/** Pause stdin above this many unprocessed lines. */
const MAX_BACKLOG = 40000;

/**
 * Worker threads besides this one, used only once the input turns out to be bulk. Default none:
 * each worker pays the start-up again (model, dictionaries, JIT warm-up: ~0.3 s of CPU), and on
 * the 2-vCPU machines here one worker made 20,000 short lines between 15 % faster and 10 %
 * slower when the machine was otherwise idle, and up to 50 % slower when other jobs were
 * running. `--workers N` or COMPLAINT_DESK_WORKERS=N (auto: one per further CPU, at most three)
 * is for long batch jobs on bigger machines.
 */
function defaultWorkers(): number {
  const env = process.env.COMPLAINT_DESK_WORKERS;
  if (env === 'auto') return autoWorkers();
  if (env !== undefined && env !== '') return Math.max(0, Math.floor(Number(env)) || 0);
  return 0;
}

function cpuCount(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

function autoWorkers(): number {
  return Math.min(3, Math.max(0, cpuCount() - 1));
}

interface Slot {
  worker: Worker;
  ready: boolean;
  inFlight: number;
}

const USAGE = [
  'usage: complaint-desk classify [--model MODEL.json] [--workers N]',
  '',
  'Reads messages from stdin, one per line; writes one JSON object per line to stdout:',
  'category, confidence, issues, emotion, signals, escalationRisk, slots, smallTalk, text.',
  '  --model FILE   a model from `complaint-desk train` (default: the built-in model)',
  '  --workers N    extra worker threads for large batch inputs (default 0; auto: CPUs - 1, at most 3)',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { model: { type: 'string' }, workers: { type: 'string' } }, USAGE);
  if (!parsed) return 0;
  const { values } = parsed;
  if (values.model !== undefined && !fs.existsSync(values.model)) throw new CliUsageError(`model file not found: ${values.model}`);
  const workerCount = values.workers === undefined ? defaultWorkers() : values.workers === 'auto' ? autoWorkers() : Number(values.workers);
  if (!Number.isInteger(workerCount) || workerCount < 0)
    throw new CliUsageError('--workers must be a whole number or auto (0: no worker threads)');
  const modelPath = values.model === undefined ? undefined : path.resolve(values.model);
  let recognizer: ReturnType<typeof loadRecognizer>;
  try {
    recognizer = loadRecognizer({ modelPath });
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }

  const cache = new AnswerCache();
  const stdin = process.stdin;
  const stdout = process.stdout;
  stdin.setEncoding('utf8');
  // EPIPE when the reader goes away early (| head) is not our failure.
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });

  let partial = '';
  let ended = false;
  let linesSeen = 0;
  const pending: string[] = [];
  let pendingFrom = 0;
  let stdoutBlocked = false;
  let slots: Slot[] | undefined;
  let nextSeq = 0;
  let nextToWrite = 0;
  const answers = new Map<number, string>();
  let scheduled = false;
  let finished = false;

  return new Promise<number>((resolve, rejectRun) => {
    // On a fatal error stop reading too, so the process can exit with the error.
    const reject = (err: unknown): void => {
      finished = true;
      for (const s of slots ?? []) void s.worker.terminate();
      stdin.destroy();
      rejectRun(err);
    };
    const pendingCount = () => pending.length - pendingFrom;
    const takeBatch = (): string[] => {
      const lines = pending.slice(pendingFrom, pendingFrom + BATCH);
      pendingFrom += lines.length;
      if (pendingFrom > 8192 && pendingFrom * 2 > pending.length) {
        pending.splice(0, pendingFrom);
        pendingFrom = 0;
      }
      return lines;
    };
    /**
     * A batch is due when it is full, when the input has ended, when no workers run (answer as
     * lines come), or when input has paused for a moment (a caller waiting for answers).
     */
    let quiet = false;
    let quietTimer: NodeJS.Timeout | undefined;
    const batchDue = () => pendingCount() > 0 && (pendingCount() >= BATCH || ended || !slots || quiet);

    const deliver = (seq: number, out: string): void => {
      answers.set(seq, out);
      while (answers.has(nextToWrite)) {
        const text = answers.get(nextToWrite)!;
        answers.delete(nextToWrite);
        nextToWrite++;
        if (text && !stdout.write(text) && !stdoutBlocked) {
          stdoutBlocked = true;
          stdout.once('drain', () => {
            stdoutBlocked = false;
            schedule();
          });
        }
      }
    };

    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (quietTimer) clearTimeout(quietTimer);
      for (const s of slots ?? []) void s.worker.terminate();
      resolve(0);
    };

    const startWorkers = (): void => {
      const script = path.join(__dirname, '..', 'classifyWorker.js');
      slots = [];
      for (let i = 0; i < workerCount; i++) {
        const slot: Slot = { worker: new Worker(script, { workerData: { modelPath } }), ready: false, inFlight: 0 };
        slot.worker.on('message', (msg: { ready?: boolean; seq?: number; out?: string }) => {
          if (msg.ready) slot.ready = true;
          else if (msg.seq !== undefined) {
            slot.inFlight--;
            deliver(msg.seq, msg.out ?? '');
          }
          schedule();
        });
        slot.worker.on('error', reject);
        slots.push(slot);
      }
    };

    /** One step of work; reschedules itself while there is more, yielding to I/O in between. */
    const step = (): void => {
      scheduled = false;
      if (finished) return;
      try {
        work();
      } catch (err) {
        reject(err);
      }
    };

    const work = (): void => {
      if (!slots && workerCount > 0 && !ended && linesSeen >= BULK_LINES) startWorkers();
      if (!stdoutBlocked) {
        for (const slot of slots ?? []) {
          while (slot.ready && slot.inFlight < IN_FLIGHT && batchDue()) {
            slot.worker.postMessage({ seq: nextSeq++, lines: takeBatch() });
            slot.inFlight++;
          }
        }
        // this thread takes a batch too
        if (batchDue()) {
          const seq = nextSeq++;
          let out = '';
          for (const line of takeBatch()) out += formatLine(recognizer, line, cache);
          deliver(seq, out);
        }
      }
      if (ended && pendingCount() === 0 && nextToWrite === nextSeq) {
        if (!stdoutBlocked) finish();
        return;
      }
      if (!ended && stdin.isPaused() && pendingCount() < MAX_BACKLOG) stdin.resume();
      if (batchDue() && !stdoutBlocked) schedule();
      else if (pendingCount() > 0 && !quietTimer) {
        quietTimer = setTimeout(() => {
          quietTimer = undefined;
          quiet = true;
          schedule();
        }, 25);
      }
    };

    function schedule(): void {
      if (scheduled || finished) return;
      scheduled = true;
      setImmediate(step);
    }

    stdin.on('data', (chunk: string) => {
      partial += chunk;
      let from = 0;
      let nl: number;
      while ((nl = partial.indexOf('\n', from)) >= 0) {
        pending.push(partial.slice(from, nl));
        linesSeen++;
        from = nl + 1;
      }
      partial = partial.slice(from);
      quiet = false;
      if (!slots && workerCount > 0 && chunk.length >= BULK_CHUNK) linesSeen = Math.max(linesSeen, BULK_LINES);
      if (pendingCount() >= MAX_BACKLOG) stdin.pause();
      schedule();
    });
    stdin.on('end', () => {
      if (partial.length > 0) pending.push(partial);
      partial = '';
      ended = true;
      schedule();
    });
    stdin.on('error', reject);
  });
}
