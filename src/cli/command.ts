/** What every subcommand module exports, and the error that means "bad input, exit 2". */
import { parseArgs, type ParseArgsConfig } from 'util';

export interface CommandModule {
  run(argv: string[]): Promise<number> | number;
}

/** Bad arguments or bad input files: reported on stderr, exit code 2. */
export class CliUsageError extends Error {}

/** util.parseArgs, with its errors turned into usage errors. */
type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: false; strict: true }>>;

export function parseOptions<T extends OptionsConfig>(argv: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }
}

/**
 * Parses the options of a subcommand; with -h/--help prints its usage on stdout and returns
 * undefined (the command then exits 0).
 */
export function parseCommand<T extends OptionsConfig>(argv: string[], options: T, usage: string): Parsed<T> | undefined {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage.endsWith('\n') ? usage : usage + '\n');
    return undefined;
  }
  return parseOptions(argv, options);
}

/** Progress on stderr, only when a person is watching (stderr is a terminal). */
export function progressReporter(enabled = Boolean(process.stderr.isTTY)): (stage: string, done: number, total: number) => void {
  if (!enabled) return () => undefined;
  let last = '';
  return (stage, done, total) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    const line = `${stage} ${done}/${total} (${pct}%)`;
    if (line === last) return;
    last = line;
    process.stderr.write(`\r\x1b[K${line}${done >= total && stage === 'training' ? '\n' : ''}`);
  };
}
