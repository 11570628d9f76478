import { attachmentSource, toAttachmentViews } from '../../src/cases/attachmentRefs';

describe('attachment references', () => {
  it('tells WeChat message ids, http(s) URLs and references nothing can open apart', () => {
    expect(attachmentSource('wechat-message:abc123')).toEqual({ type: 'wechat', messageId: 'abc123' });
    expect(attachmentSource('https://files.example/a.jpg')).toEqual({ type: 'url', url: 'https://files.example/a.jpg' });
    expect(attachmentSource('http://x.example/')).toEqual({ type: 'url', url: 'http://x.example/' });
    for (const ref of ['wechat-message:', 'javascript:alert(1)', 'bill.jpg', 'inline', 'ftp://x.example/a', 'data:image/png;base64,AAAA']) {
      expect(attachmentSource(ref)).toEqual({ type: 'none' });
    }
  });

  it('shows staff the kind, name, time, channel and whether it opens, never the raw reference', () => {
    const at = '2026-11-22T01:00:00.000Z';
    const views = toAttachmentViews({
      channel: 'web',
      attachments: [
        { kind: 'image', ref: 'https://files.example/a.jpg', name: 'a.jpg', receivedAt: at },
        { kind: 'file', ref: 'report.pdf', name: 'report.pdf', receivedAt: at },
        { kind: 'voice', ref: 'wechat-message:m1', receivedAt: at },
      ],
    });
    expect(views).toEqual([
      { index: 0, kind: 'image', name: 'a.jpg', receivedAt: at, channel: 'web', viewable: true },
      { index: 1, kind: 'file', name: 'report.pdf', receivedAt: at, channel: 'web', viewable: false },
      { index: 2, kind: 'voice', receivedAt: at, channel: 'wechat', viewable: true },
    ]);
    expect(JSON.stringify(views)).not.toContain('wechat-message:');
  });
});
