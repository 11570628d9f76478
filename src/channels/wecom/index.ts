/**
 * WeCom customer-service channel (企业微信 · 微信客服): callback routes, kf/sync_msg puller,
 * the shared inbox, and an outbox within the 48-hour / 5-message budget.
 */
export { WECOM_CHANNEL } from './descriptor';
export { WecomChannel, HELD_NOTICE, type WecomChannelDeps, type WecomDeliveryState } from './wecomChannel';
export { mountWecomStaffRoutes, WECOM_STAFF_PATH } from './staffRoutes';
