import type { ChannelDescriptor } from '../../domain/channels';
import { MESSAGES_PER_WINDOW, WINDOW_MS } from './sendBudget';
import { CHANNEL_ID, WECOM_MEDIA_PREFIX } from './wecomLog';

/** WeCom customer service (微信客服): text and msgmenu menus, media by media_id, and the 48-hour / 5-message budget. */
export const WECOM_CHANNEL: ChannelDescriptor = {
  id: CHANNEL_ID,
  label: '企业微信客服',
  capabilities: {
    cards: false,
    menus: true,
    attachments: true,
    typing: false,
    sendBudget: { messages: MESSAGES_PER_WINDOW, hours: WINDOW_MS / 3_600_000 },
  },
  attachmentPrefix: WECOM_MEDIA_PREFIX,
};
