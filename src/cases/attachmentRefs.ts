import { ATTACHMENT_REF_PREFIX } from '../channels/wechat/activityMapping';
import { WECOM_MEDIA_PREFIX } from '../channels/wecom/wecomLog';
import type { Case } from '../domain/case';
import type { AttachmentView } from './caseShapes';

/**
 * Where an attachment stored on a case can be fetched from. WeChat media are referenced by
 * message id (`wechat-message:<id>`) and only the instance logged in to WeChat can load them;
 * WeCom media by media_id (`wecom-media:<id>`, media/get from any instance, for three days);
 * web chat gives a URL (shown as is, when it is http(s)) or just a file name (not fetchable:
 * the web channel does not take uploads yet).
 */
export type AttachmentSource =
  { type: 'wechat'; messageId: string } | { type: 'wecom'; mediaId: string } | { type: 'url'; url: string } | { type: 'none' };

const HTTP_URL = /^https?:\/\/\S+$/i;

export function attachmentSource(ref: string): AttachmentSource {
  if (ref.startsWith(ATTACHMENT_REF_PREFIX)) {
    const messageId = ref.slice(ATTACHMENT_REF_PREFIX.length);
    return messageId ? { type: 'wechat', messageId } : { type: 'none' };
  }
  if (ref.startsWith(WECOM_MEDIA_PREFIX)) {
    const mediaId = ref.slice(WECOM_MEDIA_PREFIX.length);
    return mediaId ? { type: 'wecom', mediaId } : { type: 'none' };
  }
  if (HTTP_URL.test(ref)) {
    try {
      const url = new URL(ref);
      if (url.protocol === 'http:' || url.protocol === 'https:') return { type: 'url', url: url.href };
    } catch {
      /* not a URL after all */
    }
  }
  return { type: 'none' };
}

/** Attachments as staff screens see them: no raw reference, only whether each can be opened. */
export function toAttachmentViews(c: Pick<Case, 'attachments' | 'channel'>): AttachmentView[] {
  return c.attachments.map((a, index) => {
    const source = attachmentSource(a.ref);
    return {
      index,
      kind: a.kind,
      ...(a.name ? { name: a.name } : {}),
      receivedAt: a.receivedAt,
      channel: source.type === 'wechat' || source.type === 'wecom' ? source.type : c.channel,
      viewable: source.type !== 'none',
    };
  });
}
