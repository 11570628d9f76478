import type { KfMessage } from './wecomApi';
import type { WecomInbound } from './wecomLog';

/**
 * A message from kf/sync_msg as the bot gets it. origin 3 is the customer, 4 a system event,
 * 5 a servicer writing from the WeCom app; only the customer's messages become bot turns. Kinds
 * the bot cannot read as text (a location, a link, a business card, a mini program) reach it as
 * a short text saying what was sent, so the customer is never met with silence.
 */

export const ORIGIN_CUSTOMER = 3;
export const ORIGIN_EVENT = 4;

/** Longer customer texts are cut: the dialogs read a complaint, not a book. */
const MAX_TEXT_CHARS = 4000;

export function inboundOf(message: KfMessage): WecomInbound | undefined {
  if (message.origin !== ORIGIN_CUSTOMER || !message.external_userid) return undefined;
  const base = { msgid: message.msgid, externalUserId: message.external_userid, sentAt: message.send_time * 1000 };
  switch (message.msgtype) {
    case 'text':
      return message.text
        ? {
            ...base,
            kind: 'text',
            text: Array.from(message.text.content).slice(0, MAX_TEXT_CHARS).join(''),
            ...(message.text.menu_id ? { menuId: message.text.menu_id } : {}),
          }
        : undefined;
    case 'image':
    case 'voice':
    case 'video':
    case 'file': {
      const media = message[message.msgtype];
      return media ? { ...base, kind: message.msgtype, mediaId: media.media_id } : undefined;
    }
    case 'location': {
      const l = message.location;
      return { ...base, kind: 'location', text: ['位置', l?.name, l?.address].filter(Boolean).join('：') };
    }
    case 'link':
      return { ...base, kind: 'link', text: [message.link?.title, message.link?.url].filter(Boolean).join(' ') || '链接' };
    case 'business_card':
      return { ...base, kind: 'business_card', text: '名片' };
    case 'miniprogram':
      return { ...base, kind: 'miniprogram', text: message.miniprogram?.title ?? '小程序' };
    default:
      return { ...base, kind: 'other', text: '[暂不支持的消息类型]' };
  }
}
