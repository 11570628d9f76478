import type { ChannelDescriptor } from '../../domain/channels';
import { DIRECT_LINE_CHANNEL_ID } from './identity';

/** The web chat: Bot Framework Web Chat over our Direct Line endpoint, which shows cards and typing. */
export const WEB_CHANNEL: ChannelDescriptor = {
  id: 'web',
  label: '网页',
  // Uploads are not taken yet: a file a customer names stays a name on the case.
  capabilities: { cards: true, menus: false, attachments: false, typing: true },
  activityChannelIds: [DIRECT_LINE_CHANNEL_ID],
};
