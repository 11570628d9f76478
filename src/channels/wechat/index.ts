/**
 * WeChat channel (wechaty): one BotAdapter, paced outbound messages, one login per fleet.
 * The composition root calls createWechatChannel and start()/stop(); /healthz shows status().
 */
export { WECHAT_CHANNEL } from './descriptor';
export {
  createWechatChannel,
  type WechatChannel,
  type WechatChannelDeps,
  type WechatChannelOptions,
  type WechatStatus,
  type WechatyPuppet,
} from './wechatChannel';
export { WechatyAdapter } from './wechatyAdapter';
export type { LoginState } from './loginSupervisor';
export type { Clock } from './clock';
export { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_REF_PREFIX } from './activityMapping';
export { contactConversationId, roomConversationId, parseConversationId } from './conversationIds';
