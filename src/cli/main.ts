/**
 * complaint-desk command line. Subcommands are loaded lazily so `classify` pays only for the
 * language layer (no bot framework, HTTP server or schema library on that path).
 *
 * To add a subcommand (e.g. `users add`): write src/cli/commands/<name>.ts exporting
 * `run(argv: string[]): Promise<number> | number` (it receives the arguments after the command
 * name and may dispatch its own sub-subcommands) and register it in COMMANDS below.
 */
import { CliUsageError, type CommandModule } from './command';

interface CommandEntry {
  summary: string;
  load: () => CommandModule;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, CommandEntry> = {
  classify: {
    summary: 'read messages from stdin, one per line; write one JSON understanding per line',
    load: () => require('./commands/classify') as CommandModule,
  },
  train: {
    summary: 'train a classifier: --data FILE.tsv (text<TAB>label) --out MODEL.json',
    load: () => require('./commands/train') as CommandModule,
  },
  evaluate: {
    summary: 'evaluate a classifier: --data FILE.tsv [--model MODEL.json] [--json]',
    load: () => require('./commands/evaluate') as CommandModule,
  },
  users: {
    summary: 'staff accounts: add NAME --role agent|supervisor (password on stdin) | list',
    load: () => require('./commands/users') as CommandModule,
  },
  // ── further subcommands go here
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return (
    'usage: complaint-desk <command> [options]\n\ncommands:\n' +
    Object.entries(COMMANDS)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
      .join('\n') +
    '\n'
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stderr.write(usage());
    return name ? 0 : 2;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`complaint-desk: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await entry.load().run(rest);
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(`complaint-desk ${name}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`complaint-desk ${name}: ${(err as Error)?.stack ?? String(err)}\n`);
    return 1;
  }
}

if (require.main === module || require.main?.filename.endsWith('complaint-desk.js')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`complaint-desk: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
