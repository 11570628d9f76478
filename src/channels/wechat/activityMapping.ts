import type { Activity, Attachment, ChannelAccount, ConversationAccount } from 'botbuilder';
import { CHANNEL_ID, contactConversationId, roomConversationId } from './conversationIds';
import type { InboundKind, InboundMessage } from './inboundMessage';
import type { PickedChoice } from '../text/choiceMemory';

/**
 * Turns a validated WeChat message into the Bot Framework activity the bot core expects, the
 * same shape the web channel produces, so dialogs never learn which channel they serve.
 */

/**
 * WeChat does not tell the exact media type without downloading the file, so the bot core gets
 * a media range ('image/*') and matches on the prefix.
 */
export const ATTACHMENT_CONTENT_TYPES: Record<Exclude<InboundKind, 'text'>, string> = {
  image: 'image/*',
  voice: 'audio/*',
  video: 'video/*',
  file: 'application/octet-stream',
  sticker: 'application/vnd.wechat.sticker',
  link: 'text/uri-list',
  other: 'application/octet-stream',
};

/** contentUrl of an inbound attachment: the WeChat message id, which an agent tool can fetch later. */
export const ATTACHMENT_REF_PREFIX = 'wechat-message:';

const DEFAULT_NAMES: Record<Exclude<InboundKind, 'text'>, string> = {
  image: '图片',
  voice: '语音',
  video: '视频',
  file: '文件',
  sticker: '表情',
  link: '链接',
  other: '消息',
};

export function conversationIdOf(message: InboundMessage): string {
  return message.roomId ? roomConversationId(message.roomId) : contactConversationId(message.talkerId);
}

export function inboundToActivity(message: InboundMessage, bot: ChannelAccount, choice?: PickedChoice): Partial<Activity> {
  const isGroup = Boolean(message.roomId);
  const conversation: ConversationAccount = {
    id: conversationIdOf(message),
    isGroup,
    conversationType: isGroup ? 'group' : 'personal',
    name: isGroup ? '' : message.talkerName,
  };
  const activity: Partial<Activity> = {
    type: 'message',
    id: message.messageId,
    timestamp: new Date(message.timestamp),
    channelId: CHANNEL_ID,
    // The customer's identity is the contact id, the same in every conversation and every case.
    from: { id: message.talkerId, name: message.talkerName, role: 'user' },
    recipient: { ...bot, role: 'bot' },
    conversation,
    locale: 'zh-CN',
    textFormat: 'plain',
    channelData: {
      wechat: {
        messageId: message.messageId,
        kind: message.kind,
        ...(message.roomId ? { roomId: message.roomId } : {}),
        ...(message.truncated ? { truncated: true } : {}),
        ...(choice ? { choice: { index: choice.index, reply: message.text } } : {}),
      },
    },
  };
  if (message.kind === 'text') {
    if (choice) {
      // A reply of "1" stands for the first offered action, as a click would on web chat.
      if (choice.choice.text !== undefined) activity.text = choice.choice.text;
      if (choice.choice.value !== undefined) activity.value = choice.choice.value;
    } else {
      activity.text = message.text;
    }
  } else {
    const attachment: Attachment = {
      contentType: ATTACHMENT_CONTENT_TYPES[message.kind],
      contentUrl: ATTACHMENT_REF_PREFIX + message.messageId,
      name: message.fileName ?? DEFAULT_NAMES[message.kind],
    };
    activity.attachments = [attachment];
  }
  return activity;
}
