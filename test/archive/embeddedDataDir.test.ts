import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedKeys, openEmbeddedDataDir } from '../../src/archive/embeddedDataDir';
import { ConfigError } from '../../src/config/env';
import { createApp } from '../../src/index';
import { createLogger } from '../../src/logging/logger';

/** DATA_DIR, the embedded default's directory: its lock, the keys it makes once, and what it refuses. */
const logger = createLogger('silent');
const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-dir-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the embedded data directory', () => {
  it('makes keys once, readable by the owner only, and gives the same ones on the next start', () => {
    const dir = fresh();
    const first = embeddedKeys(dir, {}, logger);
    expect(first.tokenSecret).toHaveLength(43);
    expect(first.searchKey).toHaveLength(43);
    expect(first.dataKeys).toHaveLength(1);
    expect(first.dataKeys![0].key).toHaveLength(32);
    expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    const second = embeddedKeys(dir, {}, logger);
    expect(second.tokenSecret).toBe(first.tokenSecret);
    expect(second.searchKey).toBe(first.searchKey);
    expect(second.dataKeys![0].key.equals(first.dataKeys![0].key)).toBe(true);
  });

  it('lets keys in the environment win and does not write a file when all three are set', () => {
    const dir = fresh();
    const set = { tokenSecret: 'x'.repeat(32), searchKey: 'y'.repeat(32), dataKeys: [{ id: 'k9', key: Buffer.alloc(32, 1) }] };
    expect(embeddedKeys(dir, set, logger)).toEqual({});
    expect(() => statSync(join(dir, 'keys.json'))).toThrow();
    const partly = embeddedKeys(dir, { tokenSecret: set.tokenSecret }, logger);
    expect(partly.tokenSecret).toBeUndefined();
    expect(partly.searchKey).toBeDefined();
  });

  it('refuses a keys file it did not write, with a ConfigError naming the file', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'keys.json'), '{"TOKEN_SECRET":"short"}');
    expect(() => embeddedKeys(dir, {}, logger)).toThrow(ConfigError);
    expect(() => embeddedKeys(dir, {}, logger)).toThrow(/keys\.json/);
  });

  it('is one live process’s: a second desk is refused while the first runs, a dead one’s lock is taken over', async () => {
    const dir = fresh();
    // A lock held by another live process (a child that sleeps).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'desk.lock'), String(holder.pid));
      expect(() => openEmbeddedDataDir(dir)).toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // The holder is gone now: its lock is stale.
    const opened = openEmbeddedDataDir(dir);
    expect(readFileSync(join(dir, 'desk.lock'), 'utf8')).toBe(String(process.pid));
    opened.release();
    expect(() => statSync(join(dir, 'desk.lock'))).toThrow();
  });

  it('is refused beside REDIS_URL, where several instances would each keep a different archive', () => {
    expect(() =>
      createApp({
        env: {
          DATA_DIR: fresh(),
          REDIS_URL: 'redis://127.0.0.1:6379',
          LOG_LEVEL: 'silent',
          TOKEN_SECRET: 'x'.repeat(32),
          DATA_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
          SEARCH_KEY: 'y'.repeat(32),
        },
      }),
    ).toThrow(/DATA_DIR: the embedded archive belongs to one instance/);
  });

  it('takes DATA_DIR=none as no archive', () => {
    const app = createApp({ env: { DATA_DIR: 'none', LOG_LEVEL: 'silent' } });
    expect(app.config.dataDir).toBeUndefined();
  });
});
