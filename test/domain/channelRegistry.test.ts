import { WEB_CHANNEL } from '../../src/channels/web';
import { WECHAT_CHANNEL } from '../../src/channels/wechat';
import { WECOM_CHANNEL } from '../../src/channels/wecom';
import { ChannelRegistry, NoDeliveryError, type ChannelDescriptor } from '../../src/domain/channels';

function desk(): ChannelRegistry {
  const channels = new ChannelRegistry();
  for (const d of [WEB_CHANNEL, WECHAT_CHANNEL, WECOM_CHANNEL]) channels.describe(d);
  return channels;
}

describe('channel registry', () => {
  it('reads an activity channel id exactly: a registered id or alias, never a guess by substring', () => {
    const channels = desk();
    expect(channels.caseChannel('directline')).toBe('web');
    expect(channels.caseChannel('web')).toBe('web');
    expect(channels.caseChannel('wechat')).toBe('wechat');
    expect(channels.caseChannel('wecom')).toBe('wecom');
    // Ids nobody registered keep their own spelling, so they are never taken for WeChat or WeCom.
    expect(channels.caseChannel('wecom-preview')).toBe('wecom-preview');
    expect(channels.caseChannel('notwechat')).toBe('notwechat');
    expect(channels.caseChannel('test')).toBe('test');
    // Names of Object's own properties are not channels; spellings a case cannot carry are unknown.
    expect(channels.caseChannel('constructor')).toBe('constructor');
    expect(channels.caseChannel('__proto__')).toBe('unknown');
    expect(channels.caseChannel('We Chat')).toBe('unknown');
    expect(channels.caseChannel(undefined)).toBe('unknown');
  });

  it('refuses a malformed descriptor, a second channel of the same id, and an alias another channel owns', () => {
    const channels = desk();
    expect(() => channels.describe({ ...WEB_CHANNEL, id: 'Web Chat' })).toThrow(/channel id/);
    expect(() => channels.describe({ ...WECHAT_CHANNEL, activityChannelIds: undefined })).toThrow(/already belongs to wechat/);
    const copy: ChannelDescriptor = { ...WEB_CHANNEL, id: 'web2' };
    expect(() => channels.describe(copy)).toThrow(/directline already belongs to web/);
    expect(() => channels.connect('nowhere', { delivery: { sendToConversation: async () => undefined } })).toThrow(/never described/);
  });

  it('delivers through the connected channel only, and forgets it once disconnected', async () => {
    const channels = desk();
    const sent: string[] = [];
    const disconnect = channels.connect('web', { delivery: { sendToConversation: async (id, a) => sent.push(`${id}:${a.text}`) } });
    await channels.send('web', 'c1', { type: 'message', text: '您好' });
    expect(sent).toEqual(['c1:您好']);
    await expect(channels.send('wechat', 'c2', { text: 'x' })).rejects.toBeInstanceOf(NoDeliveryError);
    disconnect();
    expect(channels.isConnected('web')).toBe(false);
    await expect(channels.send('web', 'c1', { text: 'x' })).rejects.toBeInstanceOf(NoDeliveryError);
  });

  it('loads an attachment through the channel whose reference it is; 503 when that channel is not here', async () => {
    const channels = desk();
    expect(await channels.fetchAttachment('wecom', 'wecom-media:M1')).toMatchObject({ ok: false, status: 503 });
    channels.connect('wecom', {
      delivery: { sendToConversation: async () => undefined },
      attachments: { fetchAttachment: async (ref) => ({ ok: true, url: `https://media.example/${ref}` }) },
    });
    expect(await channels.fetchAttachment('wecom', 'wecom-media:M1')).toEqual({ ok: true, url: 'https://media.example/wecom-media:M1' });
    expect(channels.capabilities('wecom')?.sendBudget).toEqual({ messages: 5, hours: 48 });
    expect(channels.capabilities('web')?.typing).toBe(true);
  });
});
