import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { cookieFrom, CustomerIdentity, CUSTOMER_COOKIE } from '../../../src/channels/web/customerIdentity';
import { loadConfig } from '../../../src/config/env';
import { startWebServer, TEST_SECRET, tokenUser, type RunningWebServer } from './helpers/webServer';

/** The signed customer cookie: only the server can make one, and a bad one is not believed (never an error). */
describe('web customer identity cookie', () => {
  const identity = new CustomerIdentity(TEST_SECRET, 180);
  const victim = 'dl_AAAAAAAAAAAAAAAAAAAAAA';

  it('proves exactly the id it was made for, and no change of one character passes', () => {
    const value = identity.sign(victim);
    expect(identity.verify(value)).toBe(victim);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let tried = 0;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === '.' || i < 3) continue;
      for (const c of [alphabet[(alphabet.indexOf(value[i]) + 1) % 64], alphabet[(alphabet.indexOf(value[i]) + 63) % 64]]) {
        const altered = value.slice(0, i) + c + value.slice(i + 1);
        expect([i, identity.verify(altered)]).toEqual([i, undefined]);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(100);
  });

  it('is keyed apart from the Direct Line token key: a signature under TOKEN_SECRET itself does not pass', () => {
    const rawKeySignature = createHmac('sha256', TEST_SECRET).update(`customer:${victim}`).digest('base64url');
    expect(identity.verify(`${victim}.${rawKeySignature}`)).toBeUndefined();
    expect(new CustomerIdentity('another-secret-of-at-least-32-characters!!', 180).verify(identity.sign(victim))).toBeUndefined();
  });

  it('never throws on any cookie value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        expect(identity.verify(value)).toBeUndefined();
      }),
    );
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieFrom('a=1; cd_customer=x.y; b=2', CUSTOMER_COOKIE)).toBe('x.y');
    expect(cookieFrom('cd_customerx=1', CUSTOMER_COOKIE)).toBeUndefined();
    expect(cookieFrom(undefined, CUSTOMER_COOKIE)).toBeUndefined();
  });

  it('CUSTOMER_COOKIE_DAYS defaults to 180 and refuses nonsense', () => {
    expect(loadConfig({}).customerCookieDays).toBe(180);
    expect(loadConfig({ CUSTOMER_COOKIE_DAYS: '30' }).customerCookieDays).toBe(30);
    expect(() => loadConfig({ CUSTOMER_COOKIE_DAYS: '0' })).toThrow(/CUSTOMER_COOKIE_DAYS/);
  });

  describe('on tokens/generate', () => {
    let web: RunningWebServer;
    beforeAll(async () => {
      web = await startWebServer();
    });
    afterAll(async () => {
      await web.close();
    });

    const generate = (headers: Record<string, string> = {}) =>
      fetch(`${web.url}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });

    it('sets an HttpOnly, Lax, site-wide cookie with the configured lifetime; Secure behind an https proxy', async () => {
      const plain = (await generate()).headers.getSetCookie().find((c) => c.startsWith(`${CUSTOMER_COOKIE}=`))!;
      expect(plain.split('; ').slice(1).sort()).toEqual(['HttpOnly', `Max-Age=${180 * 86400}`, 'Path=/', 'SameSite=Lax'].sort());
      const proxied = (await generate({ 'x-forwarded-proto': 'https' })).headers
        .getSetCookie()
        .find((c) => c.startsWith(`${CUSTOMER_COOKIE}=`))!;
      expect(proxied.split('; ')).toContain('Secure');
    });

    it('keeps the id of a genuine cookie and replaces a garbled or forged one without an error', async () => {
      const first = await generate();
      const cookie = first.headers.getSetCookie()[0].split(';')[0];
      const id = tokenUser(((await first.json()) as { token: string }).token);
      const again = await generate({ cookie: `other=1; ${cookie}` });
      expect(tokenUser(((await again.json()) as { token: string }).token)).toBe(id);

      const forged = new CustomerIdentity('an-attacker-guess-at-the-secret-0123456789', 180).sign(id);
      for (const bad of [
        `${CUSTOMER_COOKIE}=${forged}`,
        `${CUSTOMER_COOKIE}=${id}`,
        `${CUSTOMER_COOKIE}=%%%;;`,
        `${CUSTOMER_COOKIE}=${'x'.repeat(5000)}`,
      ]) {
        const res = await generate({ cookie: bad });
        expect([bad.slice(0, 40), res.status]).toEqual([bad.slice(0, 40), 200]);
        const given = tokenUser(((await res.json()) as { token: string }).token);
        expect(given).not.toBe(id);
        expect(res.headers.getSetCookie()[0]).toContain(`${CUSTOMER_COOKIE}=${given}.`);
      }
    });
  });
});
