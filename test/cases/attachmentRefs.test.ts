import { toAttachmentViews } from '../../src/cases/attachmentRefs';
import { WECHAT_CHANNEL } from '../../src/channels/wechat';
import { WECOM_CHANNEL } from '../../src/channels/wecom';
import { ChannelRegistry } from '../../src/domain/channels';

function registry(): ChannelRegistry {
  const channels = new ChannelRegistry();
  channels.describe(WECHAT_CHANNEL);
  channels.describe(WECOM_CHANNEL);
  return channels;
}

describe('attachment references', () => {
  it('tells channel references, http(s) URLs and references nothing can open apart', () => {
    const channels = registry();
    expect(channels.attachmentSource('wechat-message:abc123')).toEqual({ type: 'channel', channel: 'wechat' });
    expect(channels.attachmentSource('wecom-media:MEDIA1')).toEqual({ type: 'channel', channel: 'wecom' });
    expect(channels.attachmentSource('https://files.example/a.jpg')).toEqual({ type: 'url', url: 'https://files.example/a.jpg' });
    expect(channels.attachmentSource('http://x.example/')).toEqual({ type: 'url', url: 'http://x.example/' });
    for (const ref of [
      'wechat-message:',
      'wecom-media:',
      'javascript:alert(1)',
      'bill.jpg',
      'inline',
      'ftp://x.example/a',
      'data:image/png;base64,AAAA',
    ]) {
      expect(channels.attachmentSource(ref)).toEqual({ type: 'none' });
    }
    // Without the channel registered its references are only names.
    expect(new ChannelRegistry().attachmentSource('wechat-message:abc123')).toEqual({ type: 'none' });
  });

  it('shows staff the kind, name, time, channel and whether it opens, never the raw reference', () => {
    const at = '2026-11-22T01:00:00.000Z';
    const channels = registry();
    const views = toAttachmentViews(
      {
        channel: 'web',
        attachments: [
          { kind: 'image', ref: 'https://files.example/a.jpg', name: 'a.jpg', receivedAt: at },
          { kind: 'file', ref: 'report.pdf', name: 'report.pdf', receivedAt: at },
          { kind: 'voice', ref: 'wechat-message:m1', receivedAt: at },
        ],
      },
      (ref) => channels.attachmentSource(ref),
    );
    expect(views).toEqual([
      { index: 0, kind: 'image', name: 'a.jpg', receivedAt: at, channel: 'web', viewable: true },
      { index: 1, kind: 'file', name: 'report.pdf', receivedAt: at, channel: 'web', viewable: false },
      { index: 2, kind: 'voice', receivedAt: at, channel: 'wechat', viewable: true },
    ]);
    expect(JSON.stringify(views)).not.toContain('wechat-message:');
  });
});
