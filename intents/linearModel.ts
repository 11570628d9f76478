/**
 * Multinomial logistic regression over sparse L2-normalised vectors, trained by SGD with
 * AdaGrad step sizes and L2 weight decay on the touched rows. Deterministic for a given seed.
 * Plain typed arrays: a few thousand short messages train in well under a second.
 */
import type { SparseVector } from './features';

export interface LinearTrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight each class inversely to its frequency. */
  balanceClasses: boolean;
  /** Called after each epoch (progress display). */
  onEpoch?: (epoch: number, epochs: number, loss: number) => void;
}

export const DEFAULT_LINEAR: LinearTrainOptions = {
  epochs: 14,
  learningRate: 0.2,
  l2: 1e-5,
  seed: 20251121,
  balanceClasses: true,
};

export interface LinearWeights {
  nRows: number;
  nClasses: number;
  /** Row-major: weights[row * nClasses + class]. */
  weights: Float32Array;
  bias: Float32Array;
}

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainLinear(
  xs: SparseVector[],
  ys: Int32Array,
  nRows: number,
  nClasses: number,
  options: Partial<LinearTrainOptions> = {},
): LinearWeights {
  const opt = { ...DEFAULT_LINEAR, ...options };
  const C = nClasses;
  const W = new Float64Array(nRows * C);
  const G = new Float64Array(nRows * C);
  const b = new Float64Array(C);
  const Gb = new Float64Array(C);
  const p = new Float64Array(C);
  const g = new Float64Array(C);

  const classCount = new Float64Array(C);
  for (let i = 0; i < ys.length; i++) classCount[ys[i]]++;
  const classWeight = new Float64Array(C).fill(1);
  if (opt.balanceClasses) {
    for (let c = 0; c < C; c++) classWeight[c] = classCount[c] > 0 ? ys.length / (C * classCount[c]) : 0;
  }

  const order = new Int32Array(xs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const rand = prng(opt.seed);
  const eps = 1e-8;
  const lr = opt.learningRate;
  const l2 = opt.l2;

  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let loss = 0;
    for (let k = 0; k < order.length; k++) {
      const ex = order[k];
      const x = xs[ex];
      const y = ys[ex];
      // scores
      for (let c = 0; c < C; c++) p[c] = b[c];
      for (let f = 0; f < x.rows.length; f++) {
        const base = x.rows[f] * C;
        const v = x.val[f];
        for (let c = 0; c < C; c++) p[c] += W[base + c] * v;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (p[c] > max) max = p[c];
      let sum = 0;
      for (let c = 0; c < C; c++) {
        p[c] = Math.exp(p[c] - max);
        sum += p[c];
      }
      for (let c = 0; c < C; c++) p[c] /= sum;
      loss -= Math.log(Math.max(p[y], 1e-12)) * classWeight[y];
      const cw = classWeight[y];
      for (let c = 0; c < C; c++) g[c] = (p[c] - (c === y ? 1 : 0)) * cw;
      for (let f = 0; f < x.rows.length; f++) {
        const base = x.rows[f] * C;
        const v = x.val[f];
        for (let c = 0; c < C; c++) {
          const idx = base + c;
          const grad = g[c] * v + l2 * W[idx];
          G[idx] += grad * grad;
          W[idx] -= (lr * grad) / (Math.sqrt(G[idx]) + eps);
        }
      }
      for (let c = 0; c < C; c++) {
        Gb[c] += g[c] * g[c];
        b[c] -= (lr * g[c]) / (Math.sqrt(Gb[c]) + eps);
      }
    }
    opt.onEpoch?.(epoch + 1, opt.epochs, loss / Math.max(1, xs.length));
  }
  return { nRows, nClasses: C, weights: Float32Array.from(W), bias: Float32Array.from(b) };
}

/** Class probabilities (softmax of the linear scores) written into `out`. */
export function predictProba(model: LinearWeights, x: SparseVector, out: Float64Array): Float64Array {
  const C = model.nClasses;
  const W = model.weights;
  for (let c = 0; c < C; c++) out[c] = model.bias[c];
  for (let f = 0; f < x.rows.length; f++) {
    const base = x.rows[f] * C;
    const v = x.val[f];
    for (let c = 0; c < C; c++) out[c] += W[base + c] * v;
  }
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (out[c] > max) max = out[c];
  let sum = 0;
  for (let c = 0; c < C; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < C; c++) out[c] /= sum;
  return out;
}
