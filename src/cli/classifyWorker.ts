/**
 * Worker thread for `complaint-desk classify` on large inputs: receives numbered batches of
 * lines, answers with their JSON lines. Same code path as the in-process mode (formatLine).
 */
import { parentPort, workerData } from 'worker_threads';
import { loadRecognizer } from '../../intents';
import { AnswerCache, formatLine } from './classifyFormat';

interface Init {
  modelPath?: string;
}

const { modelPath } = workerData as Init;
const recognizer = loadRecognizer({ modelPath });
// Load the dictionaries now, while the main thread is still reading input.
recognizer.understand('宽带');
const cache = new AnswerCache();
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (batch: { seq: number; lines: string[] }) => {
  let out = '';
  for (const line of batch.lines) out += formatLine(recognizer, line, cache);
  parentPort!.postMessage({ seq: batch.seq, out });
});
