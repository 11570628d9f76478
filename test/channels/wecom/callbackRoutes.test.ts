import { gzipSync } from 'node:zlib';
import type { App } from '../../../src/index';
import { encryptMessage } from '../../../src/channels/wecom/callbackCrypto';
import { writeFlatXml } from '../../../src/channels/wecom/callbackXml';
import type { WecomSimulator } from '../../fakes/wecomSimulator';
import { callbackUrl, useWecomDesk } from './wecomHarness';

/** Hostile and broken callbacks: every one a 4xx with a reason, the service unharmed. */
describe('WeCom callback routes', () => {
  const desk = useWecomDesk('all');
  let sim: WecomSimulator;
  let app: App;
  beforeAll(() => {
    sim = desk.sim();
    app = desk.app();
  });

  async function post(body: string | Buffer, opts: { query?: string; headers?: Record<string, string> } = {}) {
    const encrypt = 'AAAA';
    const { timestamp, nonce, signature } = sim.sign(encrypt);
    const query = opts.query ?? `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
    const res = await fetch(`${callbackUrl(app)}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', ...opts.headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  /** A body whose Encrypt is signed properly, holding `plain` (so the check reaches the inner XML). */
  async function postSigned(plain: string) {
    return sim.postEncrypted(callbackUrl(app), plain);
  }

  it.each([
    ['a huge body', 'x'.repeat(200_000), 413],
    ['not XML', 'hello', 400],
    ['deep nesting', `<xml>${'<a>'.repeat(1500)}${'</a>'.repeat(1500)}</xml>`, 400],
    ['an entity bomb', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>', 400],
    ['a repeated field', '<xml><Encrypt><![CDATA[AAAA]]></Encrypt><Encrypt><![CDATA[BBBB]]></Encrypt></xml>', 400],
    ['no Encrypt', '<xml><ToUserName><![CDATA[x]]></ToUserName></xml>', 400],
    ['Encrypt that is not base64', '<xml><Encrypt><![CDATA[<script>]]></Encrypt></xml>', 400],
  ])('refuses %s', async (_name, body, status) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(answer.body.length).toBeGreaterThan(5);
  });

  it('refuses broken UTF-8, compressed bodies and a bad query', async () => {
    expect((await post(Buffer.from([0x3c, 0x78, 0xff, 0xfe, 0x3e]))).status).toBe(400);
    expect((await post(gzipSync(Buffer.alloc(1_000_000, 0x61)), { headers: { 'content-encoding': 'gzip' } })).status).toBe(415);
    const noSignature = await post('<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>', { query: 'timestamp=1&nonce=2' });
    expect(noSignature.status).toBe(400);
    expect(noSignature.body).toMatch(/msg_signature/);
  });

  it('refuses a signed payload that does not decrypt, or is for another CorpID', async () => {
    const garbage = Buffer.alloc(48, 7).toString('base64');
    const { timestamp, nonce, signature } = sim.sign(garbage);
    const res = await fetch(`${callbackUrl(app)}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
      method: 'POST',
      body: writeFlatXml({ Encrypt: garbage }),
    });
    expect(res.status).toBe(400);
    const foreign = encryptMessage({ ...sim.keys, receiveId: 'wwsomeoneelse' }, '<xml><MsgType>event</MsgType></xml>');
    const signed = sim.sign(foreign);
    const other = await fetch(`${callbackUrl(app)}?msg_signature=${signed.signature}&timestamp=${signed.timestamp}&nonce=${signed.nonce}`, {
      method: 'POST',
      body: writeFlatXml({ Encrypt: foreign }),
    });
    expect(other.status).toBe(403);
  });

  it('refuses a signed event whose inner XML is broken, and acknowledges other events', async () => {
    expect((await postSigned('<xml><MsgType>event')).status).toBe(400);
    expect(await postSigned(writeFlatXml({ MsgType: 'event', Event: 'something_else' }))).toEqual({ status: 200, body: 'success' });
  });

  it('refuses a URL check with a wrong signature', async () => {
    const res = await fetch(`${callbackUrl(app)}?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=2&echostr=AAAA`);
    expect(res.status).toBe(401);
  });

  it('still serves after all of that', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(res.status).toBe(200);
  });
});
