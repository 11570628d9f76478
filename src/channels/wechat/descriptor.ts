import type { ChannelDescriptor } from '../../domain/channels';
import { ATTACHMENT_REF_PREFIX } from './activityMapping';
import { CHANNEL_ID } from './conversationIds';

/** WeChat through wechaty: text only (cards and choices are written out), media loaded by message id. */
export const WECHAT_CHANNEL: ChannelDescriptor = {
  id: CHANNEL_ID,
  label: '微信',
  capabilities: { cards: false, menus: false, attachments: true, typing: false },
  attachmentPrefix: ATTACHMENT_REF_PREFIX,
};
