/**
 * Bot Framework conversation ids for WeChat. A 1:1 chat is keyed by the customer's contact id,
 * so a customer keeps one conversation (and one identity) however often they come back; a group
 * chat is keyed by its room id. The prefixes keep the two apart from web chat ids in one store.
 */
export const CHANNEL_ID = 'wechat';
const CONTACT_PREFIX = 'wechat:';
const ROOM_PREFIX = 'wechat-room:';

export type WechatTarget = { kind: 'contact' | 'room'; id: string };

export function contactConversationId(contactId: string): string {
  return CONTACT_PREFIX + contactId;
}

export function roomConversationId(roomId: string): string {
  return ROOM_PREFIX + roomId;
}

/** The WeChat chat a conversation id points at, or undefined when it is not a WeChat id. */
export function parseConversationId(conversationId: string | undefined): WechatTarget | undefined {
  if (!conversationId) return undefined;
  if (conversationId.startsWith(ROOM_PREFIX) && conversationId.length > ROOM_PREFIX.length) {
    return { kind: 'room', id: conversationId.slice(ROOM_PREFIX.length) };
  }
  if (conversationId.startsWith(CONTACT_PREFIX) && conversationId.length > CONTACT_PREFIX.length) {
    return { kind: 'contact', id: conversationId.slice(CONTACT_PREFIX.length) };
  }
  return undefined;
}
