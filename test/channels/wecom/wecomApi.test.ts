import { loadConfig, ConfigError } from '../../../src/config/env';
import { readFlatXml, CallbackXmlError } from '../../../src/channels/wecom/callbackXml';
import { WecomApi, WecomApiError } from '../../../src/channels/wecom/wecomApi';
import { createLogger } from '../../../src/logging/logger';
import { MemoryStore } from '../../../src/store/memoryStore';
import { WecomSimulator, wecomEnv } from '../../fakes/wecomSimulator';

describe('WeCom API client against the simulator', () => {
  let sim: WecomSimulator;
  let base: string;
  const store = new MemoryStore();
  const logger = createLogger('silent');

  beforeAll(async () => {
    sim = new WecomSimulator();
    base = await sim.start();
  });
  afterAll(() => sim.stop());

  const client = () => new WecomApi({ baseUrl: base, corpId: sim.account.corpId, secret: sim.account.secret, store, logger });

  it('shares one access token through the store, and fetches a new one when WeCom refuses it', async () => {
    const a = client();
    const b = client();
    await a.serviceState(sim.account.openKfId, 'u1');
    await b.serviceState(sim.account.openKfId, 'u1');
    expect(sim.tokensIssued).toBe(1);
    sim.expireTokens();
    await b.serviceState(sim.account.openKfId, 'u1');
    expect(sim.tokensIssued).toBe(2);
    await a.serviceState(sim.account.openKfId, 'u1');
    expect(sim.tokensIssued).toBe(2);
  });

  it('pages through sync_msg with the cursor and has_more', async () => {
    for (let i = 0; i < 3; i++) sim.customerSays('u2', `第${i}条`);
    const api = client();
    const first = await api.syncMessages({ openKfId: sim.account.openKfId });
    expect(first).toMatchObject({ hasMore: true, nextCursor: 'c2' });
    const second = await api.syncMessages({ openKfId: sim.account.openKfId, cursor: first.nextCursor });
    expect(second.hasMore).toBe(false);
    expect([...first.messages, ...second.messages].map((m) => m.text?.content)).toEqual(['第0条', '第1条', '第2条']);
  });

  it('turns an errcode into a WecomApiError, and a dead server into one too', async () => {
    await expect(client().sendMessage('nobody', sim.account.openKfId, { msgtype: 'text', text: { content: 'x' } })).rejects.toMatchObject({
      errcode: 45015,
    });
    const dead = new WecomApi({
      baseUrl: 'http://127.0.0.1:9',
      corpId: 'c',
      secret: 's',
      store: new MemoryStore(),
      logger,
      timeoutMs: 500,
    });
    await expect(dead.accessToken()).rejects.toBeInstanceOf(WecomApiError);
  });
});

describe('WeCom settings', () => {
  const full = wecomEnv(
    { corpId: 'wwcorp', secret: 'secret-123456', token: 'Tok1', encodingAesKey: 'a'.repeat(43), openKfId: 'wkkf' },
    'http://127.0.0.1:1/cgi-bin',
  );

  it('are off without any WECOM_ setting, on with all of them', () => {
    expect(loadConfig({}).wecom).toBeUndefined();
    expect(loadConfig(full).wecom).toMatchObject({ corpId: 'wwcorp', openKfId: 'wkkf', apiBase: 'http://127.0.0.1:1/cgi-bin' });
    expect(loadConfig({ ...full, WECOM_API_BASE: '' }).wecom?.apiBase).toBe('https://qyapi.weixin.qq.com/cgi-bin');
  });

  it('refuse a partial set, naming what is missing', () => {
    const { WECOM_TOKEN: _t, WECOM_OPEN_KFID: _k, ...partial } = full;
    expect(() => loadConfig(partial)).toThrow(ConfigError);
    expect(() => loadConfig(partial)).toThrow(/WECOM_TOKEN.*\n.*WECOM_OPEN_KFID/);
    expect(() => loadConfig({ ...full, WECOM_ENCODING_AES_KEY: 'short' })).toThrow(/WECOM_ENCODING_AES_KEY/);
  });
});

describe('callback XML', () => {
  it('reads flat CDATA and plain fields', () => {
    expect(readFlatXml('<?xml version="1.0"?>\n<xml>\n <A><![CDATA[x<y]]></A>\n <B>12 &amp; 3</B></xml>')).toEqual({
      A: 'x<y',
      B: '12 & 3',
    });
  });

  it.each([
    '<xml><A><B>1</B></A></xml>',
    '<xml><A x="1">1</A></xml>',
    '<xml><A>1</B></xml>',
    '<root><A>1</A></root>',
    '<xml><A>&foo;</A></xml>',
  ])('refuses %s', (xml) => {
    expect(() => readFlatXml(xml)).toThrow(CallbackXmlError);
  });
});
