/** The shape of one benchmark in `npm run bench` (bench/run.ts). */
export interface BenchResult {
  /** Human-readable lines of figures. */
  lines: string[];
  /** The same figures as data, for --json. */
  figures: Record<string, unknown>;
}

export interface BenchModule {
  /** Short id used on the command line. */
  name: string;
  description: string;
  run(): Promise<BenchResult> | BenchResult;
}
