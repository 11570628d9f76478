/** Latency samples (ms) summed up the way every latency benchmark prints them. */
export interface Figures {
  n: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(q(0.5)),
    p90: round(q(0.9)),
    p95: round(q(0.95)),
    p99: round(q(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

export const line = (f: Figures) =>
  `p50 ${f.p50} ms, p90 ${f.p90} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, max ${f.max} ms, mean ${f.mean} ms (n=${f.n})`;
