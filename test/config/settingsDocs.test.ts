import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../../src/config/env';

const root = join(__dirname, '..', '..');

describe('settings documentation', () => {
  test('.env.example lists every setting the service reads, and nothing it does not', () => {
    const documented = readFileSync(join(root, '.env.example'), 'utf8')
      .split('\n')
      .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l.trim())?.[1])
      .filter((n): n is string => Boolean(n));
    expect([...documented].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  test("README's settings table is the one made from .env.example", () => {
    // Exits 1 (and the test fails) when someone edits one without the other.
    expect(() => execFileSync(process.execPath, [join(root, 'scripts', 'settings-table.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
