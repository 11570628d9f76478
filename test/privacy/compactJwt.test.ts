import { openCompactJwt, signCompactJwt } from '../../src/privacy/compactJwt';

/** The one HS256 signer behind staff and Direct Line tokens: what it must refuse. */
describe('compact HS256 tokens', () => {
  const key = Buffer.from('k'.repeat(32));

  it('opens what it signed, with the same key only', () => {
    const token = signCompactJwt(key, { sub: 'agent07', exp: 1 });
    expect(openCompactJwt(key, token)).toEqual({ ok: true, payload: { sub: 'agent07', exp: 1 } });
    expect(openCompactJwt(Buffer.from('x'.repeat(32)), token)).toEqual({ ok: false, failure: 'signature' });
  });

  it('refuses a changed payload, another spelling of the signature, alg none and junk', () => {
    const [header, , signature] = signCompactJwt(key, { sub: 'agent07' }).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ sub: 'boss' })).toString('base64url');
    expect(openCompactJwt(key, `${header}.${forgedBody}.${signature}`)).toEqual({ ok: false, failure: 'signature' });
    const token = signCompactJwt(key, { sub: 'agent07' });
    expect(openCompactJwt(key, `${token}=`)).toEqual({ ok: false, failure: 'signature' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(openCompactJwt(key, `${none}.${forgedBody}.`)).toEqual({ ok: false, failure: 'malformed' });
    expect(openCompactJwt(key, 'a.b')).toEqual({ ok: false, failure: 'malformed' });
    expect(openCompactJwt(key, '')).toEqual({ ok: false, failure: 'malformed' });
  });
});
