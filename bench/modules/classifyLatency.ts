/** Per-message latency in-process (recognizer already loaded and warmed up). */
import { loadRecognizer } from '../../intents';
import type { BenchModule } from '../benchModule';
import { shortMessages } from './shortMessages';

export const classifyLatency: BenchModule = {
  name: 'classify-latency',
  description: 'per-message latency of Recognizer.understand in-process (after warm-up)',
  run() {
    const t0 = process.hrtime.bigint();
    const recognizer = loadRecognizer();
    recognizer.understand('宽带坏了');
    const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const messages = shortMessages(12000);
    // distinct lines: no cache in-process anyway, but keep the input like the CLI benchmark's
    for (const m of messages.slice(0, 2000)) recognizer.understand(m);
    const samples: number[] = [];
    for (const m of messages.slice(2000)) {
      const s = process.hrtime.bigint();
      recognizer.understand(m);
      samples.push(Number(process.hrtime.bigint() - s) / 1000);
    }
    samples.sort((a, b) => a - b);
    const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return {
      lines: [
        `load (model + dictionaries + first message): ${loadMs.toFixed(0)} ms`,
        `${samples.length} short messages: mean ${mean.toFixed(1)} µs, p50 ${q(0.5).toFixed(1)} µs, p95 ${q(0.95).toFixed(1)} µs, p99 ${q(0.99).toFixed(1)} µs, max ${samples[samples.length - 1].toFixed(0)} µs`,
      ],
      figures: { loadMs, meanUs: mean, p50Us: q(0.5), p95Us: q(0.95), p99Us: q(0.99) },
    };
  },
};
