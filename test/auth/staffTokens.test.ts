import { createHmac } from 'node:crypto';
import { LoginThrottle } from '../../src/auth/loginThrottle';
import { staffTokenKey, StaffTokenError, StaffTokenService } from '../../src/auth/staffTokens';
import { TokenService } from '../../src/channels/web/tokens';

const KEY = async () => Buffer.from('k'.repeat(32));
const CLAIMS = { sub: 'zhangwei', role: 'agent' as const, agentNo: '07', pv: 'v1' };

describe('StaffTokenService', () => {
  it('issues tokens that verify until they expire', async () => {
    let now = 1_700_000_000_000;
    const tokens = new StaffTokenService(KEY, 60, () => now);
    const { token, expiresIn } = await tokens.issue(CLAIMS);
    expect(expiresIn).toBe(60);
    await expect(tokens.verify(token)).resolves.toMatchObject({ ...CLAIMS, exp: Math.floor(now / 1000) + 60 });
    now += 59_000;
    await expect(tokens.verify(token)).resolves.toBeDefined();
    now += 1_000;
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('rejects tokens signed with another key, tampered ones and garbage', async () => {
    const ours = new StaffTokenService(KEY, 60);
    const theirs = new StaffTokenService(async () => Buffer.from('x'.repeat(32)), 60);
    const { token } = await theirs.issue(CLAIMS);
    await expect(ours.verify(token)).rejects.toBeInstanceOf(StaffTokenError);
    const good = (await ours.issue(CLAIMS)).token;
    const [h, , s] = good.split('.');
    const tampered = Buffer.from(
      JSON.stringify({ iss: 'complaint-desk/staff', typ: 'staff', ...CLAIMS, role: 'supervisor', iat: 0, exp: 9e9 }),
    ).toString('base64url');
    await expect(ours.verify(`${h}.${tampered}.${s}`)).rejects.toMatchObject({ reason: 'invalid' });
    for (const junk of ['', 'a.b', 'a.b.c', good + 'x']) await expect(ours.verify(junk)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('rejects a Direct Line token even when both were signed with the same key', async () => {
    const secret = 's'.repeat(40);
    const directLine = new TokenService(secret, 1800).issue('conv-1', 'dl_user');
    const staff = new StaffTokenService(async () => Buffer.from(secret, 'utf8'), 60);
    await expect(staff.verify(directLine.token)).rejects.toMatchObject({ reason: 'invalid', message: 'not a staff token' });
  });

  it('gives two logins in the same second different tokens (a random jti), and still takes a token issued without one', async () => {
    const now = 1_700_000_000_000;
    const tokens = new StaffTokenService(KEY, 60, () => now);
    const [first, second] = [await tokens.issue(CLAIMS), await tokens.issue(CLAIMS)];
    expect(first.token).not.toBe(second.token);
    expect(first.claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.claims.jti).not.toBe(second.claims.jti);
    // A token from before token ids: the same header and signature scheme, no jti.
    const header = first.token.split('.')[0];
    const payload = Buffer.from(
      JSON.stringify({ iss: 'complaint-desk/staff', typ: 'staff', ...CLAIMS, iat: now / 1000, exp: now / 1000 + 60 }),
    ).toString('base64url');
    const signature = createHmac('sha256', await KEY())
      .update(`${header}.${payload}`)
      .digest('base64url');
    const old = await tokens.verify(`${header}.${payload}.${signature}`);
    expect(old).toMatchObject(CLAIMS);
    expect(old.jti).toBeUndefined();
  });

  it('derives a staff key from TOKEN_SECRET that differs from the Direct Line key, else uses the shared one', async () => {
    const secret = 's'.repeat(40);
    const derived = await staffTokenKey(secret, () => Promise.reject(new Error('not asked')));
    expect(derived.equals(Buffer.from(secret))).toBe(false);
    expect(derived.equals(createHmac('sha256', secret).update('complaint-desk staff tokens v1').digest())).toBe(true);
    expect((await staffTokenKey(undefined, async () => 'shared')).toString()).toBe('shared');
  });
});

describe('LoginThrottle', () => {
  it('allows 5 failures a minute per key, then refuses until the oldest leaves the window', () => {
    let now = 0;
    const throttle = new LoginThrottle(5, 60_000, () => now);
    try {
      for (let i = 0; i < 5; i++) {
        expect(throttle.retryAfter('u|ip')).toBe(0);
        throttle.fail('u|ip');
        now += 1000;
      }
      expect(throttle.retryAfter('u|ip')).toBe(55);
      expect(throttle.retryAfter('u|other-ip')).toBe(0);
      now = 60_001;
      expect(throttle.retryAfter('u|ip')).toBe(0);
      throttle.fail('u|ip');
      throttle.succeed('u|ip');
      expect(throttle.retryAfter('u|ip')).toBe(0);
    } finally {
      throttle.close();
    }
  });
});
