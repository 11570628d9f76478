/**
 * `complaint-desk users add NAME --role agent|supervisor [--update]`: creates a staff account in
 * the shared store (REDIS_URL, REDIS_PREFIX). The password is one line on stdin; on a terminal
 * it is asked for twice without echo. It never appears in arguments, output or logs.
 * `complaint-desk users list [--json]`: names, roles and 工号.
 * `complaint-desk users unlock NAME`: lifts the lock after too many failed logins (also
 * POST /api/staff/{username}/unlock for supervisors).
 */
import { parseArgs } from 'util';
import { passwordProblem, roleSchema, usernameSchema } from '../../domain/staffAccounts';
import { accountLock } from '../../auth/accountLock';
import { AccountError, UserRepository } from '../../auth/users';
import { ConfigError, loadConfig, type Config } from '../../config/env';
import { storeProtection } from '../../config/secrets';
import { RedisStore } from '../../store/redisStore';
import { CliUsageError } from '../command';

const USAGE = `usage:
  complaint-desk users add NAME --role agent|supervisor [--update]   (password: one line on stdin)
  complaint-desk users list [--json]
  complaint-desk users unlock NAME`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'add') return add(rest);
  if (sub === 'list') return list(rest);
  if (sub === 'unlock') return unlock(rest);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  throw new CliUsageError(`unknown subcommand "${sub}"\n${USAGE}`);
}

async function add(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { role: { type: 'string' }, update: { type: 'boolean' } });
  if (positionals.length !== 1) throw new CliUsageError(`give exactly one user name\n${USAGE}`);
  const name = usernameSchema.safeParse(positionals[0]);
  if (!name.success) throw new CliUsageError(`user name ${name.error.issues[0].message}`);
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new CliUsageError('--role must be agent or supervisor');
  const store = await openSharedStore();
  try {
    const password = await readPassword();
    const problem = passwordProblem(password);
    if (problem) throw new CliUsageError(`${problem}; the account was not ${values.update ? 'changed' : 'created'}`);
    const users = new UserRepository(store);
    const existing = await users.get(name.data);
    if (existing && !values.update) {
      throw new CliUsageError(`user "${name.data}" already exists (工号 ${existing.agentNo}); add --update to set a new password and role`);
    }
    const user = existing
      ? await users.update(name.data, { role: role.data, password })
      : await users.create(name.data, role.data, password);
    process.stdout.write(`${existing ? 'updated' : 'created'} ${user.role} "${user.username}" (工号 ${user.agentNo})\n`);
    return 0;
  } catch (err) {
    if (err instanceof AccountError && err.reason !== 'full') throw new CliUsageError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}

async function list(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length) throw new CliUsageError(`unexpected argument "${positionals[0]}"\n${USAGE}`);
  const store = await openSharedStore();
  try {
    const accounts = await new UserRepository(store).list();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(accounts.map(({ username, role, agentNo }) => ({ username, role, agentNo })))}\n`);
    } else if (accounts.length === 0) {
      process.stdout.write('no staff accounts yet; add one with `complaint-desk users add NAME --role agent`\n');
    } else {
      const width = Math.max(4, ...accounts.map((a) => a.username.length));
      process.stdout.write(`工号  ${'name'.padEnd(width)}  role\n`);
      for (const a of accounts) process.stdout.write(`${a.agentNo.padEnd(4)}  ${a.username.padEnd(width)}  ${a.role}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function unlock(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {});
  if (positionals.length !== 1) throw new CliUsageError(`give exactly one user name\n${USAGE}`);
  const name = usernameSchema.safeParse(positionals[0]);
  if (!name.success) throw new CliUsageError(`user name ${name.error.issues[0].message}`);
  const { store, config } = await openSharedStoreWithConfig();
  try {
    if (!(await new UserRepository(store).get(name.data))) throw new CliUsageError(`no staff account "${name.data}"`);
    const wasLocked = await accountLock(store, config.limits).unlock(name.data);
    process.stdout.write(wasLocked ? `unlocked "${name.data}"\n` : `"${name.data}" was not locked; its failed logins are cleared\n`);
    return 0;
  } finally {
    await store.close();
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends NonNullable<Options>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliUsageError(`${(err as Error).message}\n${USAGE}`);
  }
}

/** Accounts only make sense where every instance reads them: the Redis store. */
async function openSharedStore(): Promise<RedisStore> {
  return (await openSharedStoreWithConfig()).store;
}

async function openSharedStoreWithConfig(): Promise<{ store: RedisStore; config: Config }> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliUsageError(err.message);
    throw err;
  }
  if (!config.redisUrl) {
    throw new CliUsageError(
      'REDIS_URL is not set. Staff accounts are kept in the shared Redis store; without it they would live in ' +
        "this command's memory and vanish when it exits. Set REDIS_URL (and REDIS_PREFIX if the service uses one), " +
        'or, for a demo or test on the in-memory store, start the service with ' +
        'BOOTSTRAP_USERS="name:agent:password,boss:supervisor:password".',
    );
  }
  let protection;
  try {
    // Accounts are records like any other: encrypted with the service's DATA_KEYS.
    protection = storeProtection(config);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliUsageError(`${err.message}\n(use the same DATA_KEYS and SEARCH_KEY as the service)`);
    throw err;
  }
  const store = new RedisStore({ url: config.redisUrl, prefix: config.redisPrefix, ...protection });
  try {
    await store.ready();
  } catch (err) {
    await store.close();
    throw new Error(`cannot reach Redis at REDIS_URL: ${(err as Error).message}`, { cause: err });
  }
  return { store, config };
}

/** One line from stdin; on a terminal, asked twice with echo off. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await readHidden('Password: ');
    const again = await readHidden('Repeat password: ');
    if (first !== again) throw new CliUsageError('the two passwords differ');
    return first;
  }
  return readFirstLine(process.stdin);
}

function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const done = (line: string) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', reject);
      input.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) done(buffered.slice(0, newline));
    };
    const onEnd = () => done(buffered);
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', reject);
  });
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new CliUsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
