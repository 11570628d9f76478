import { createApp } from '../../src/index';
import { ConfigError, loadConfig } from '../../src/config/env';

describe('BOOTSTRAP_USERS and STAFF_TOKEN_TTL_SECONDS', () => {
  it('parses name:role:password entries; names are lower-cased, passwords kept whole (":" allowed)', () => {
    const config = loadConfig({ BOOTSTRAP_USERS: ' ZhangWei:agent:pa:ss-word-1 , lihua:supervisor:another-pass ,' });
    expect(config.bootstrapUsers).toEqual([
      { username: 'zhangwei', role: 'agent', password: 'pa:ss-word-1' },
      { username: 'lihua', role: 'supervisor', password: 'another-pass' },
    ]);
  });

  it('defaults to no accounts and an 8-hour staff token', () => {
    const config = loadConfig({});
    expect(config.bootstrapUsers).toEqual([]);
    expect(config.staffTokenTtlSeconds).toBe(8 * 3600);
    expect(loadConfig({ STAFF_TOKEN_TTL_SECONDS: '3600' }).staffTokenTtlSeconds).toBe(3600);
  });

  it.each([
    ['zhangwei:agent', /entry 1 must be name:role:password/],
    ['zhangwei:admin:long-enough-1', /the role must be agent or supervisor/],
    ['zhangwei:agent:short', /at least 8 characters/],
    ['zhang wei:agent:long-enough-1', /entry 1: the name must be/],
    ['a:agent:long-enough-1,A:supervisor:long-enough-2', /entry 2: it repeats the name of entry 1/],
    [`x:agent:${'p'.repeat(73)}`, /at most 72 bytes/],
  ])('stops startup on %s, naming the variable', (value, reason) => {
    let error: unknown;
    try {
      loadConfig({ BOOTSTRAP_USERS: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/BOOTSTRAP_USERS/);
    expect((error as Error).message).toMatch(reason);
  });

  it('never repeats a password in the error', () => {
    const secret = 'my-secret-password';
    for (const value of [`bob:boss:${secret}`, `${secret}`, `bob:agent:${secret},bob:agent:${secret}`, `${secret}:agent:xx`]) {
      expect(() => loadConfig({ BOOTSTRAP_USERS: value })).toThrow(ConfigError);
      try {
        loadConfig({ BOOTSTRAP_USERS: value });
      } catch (err) {
        expect((err as Error).message).not.toContain(secret);
      }
    }
  });

  it('refuses a token lifetime outside 60 s … 7 days', () => {
    expect(() => loadConfig({ STAFF_TOKEN_TTL_SECONDS: '10' })).toThrow(/STAFF_TOKEN_TTL_SECONDS/);
    expect(() => loadConfig({ STAFF_TOKEN_TTL_SECONDS: 'soon' })).toThrow(/STAFF_TOKEN_TTL_SECONDS/);
  });

  it('makes createApp refuse a malformed list', () => {
    expect(() => createApp({ env: { BOOTSTRAP_USERS: 'nobody-knows' } })).toThrow(/BOOTSTRAP_USERS/);
  });
});
