/**
 * The arithmetic every report figure shares: rates against a target, means and nearest-rank
 * percentiles, rounded for display. Kept apart so the desk summary and the per-agent figures
 * (and later the SQL aggregates that replace them) round the same way.
 */

export interface Rate {
  /** numerator / denominator, 0…1; null when the denominator is 0 (nothing to judge yet). */
  value: number | null;
  target: number;
  /** value ≥ target; null when value is null. */
  met: boolean | null;
  numerator: number;
  denominator: number;
}

export function rate(numerator: number, denominator: number, target: number): Rate {
  if (denominator === 0) return { value: null, target, met: null, numerator, denominator };
  const value = numerator / denominator;
  // Rounded for display, compared unrounded: 97.99% is not 98%.
  return { value: Math.round(value * 10_000) / 10_000, target, met: value >= target, numerator, denominator };
}

/** numerator / denominator to four places (0.6667), null when there is nothing to divide. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Nearest-rank percentile (p in 0…1): a value that actually occurred. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * The same percentile of values kept as counts (value → how many times it occurred, `total` in
 * all): what the archive's per-day histograms give.
 */
export function percentileOfCounts(counts: ReadonlyMap<number, number>, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.min(total - 1, Math.max(0, Math.ceil(p * total) - 1));
  let seen = 0;
  for (const value of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(value)!;
    if (seen > rank) return value;
  }
  return null;
}

export function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
