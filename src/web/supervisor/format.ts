/** The supervisor view's own words; everything shared with the console is in ../agent/format.ts. */

/** Status as a supervisor reads the whole floor: who is talking to the customer now. */
export const FLOOR_STATUS_LABELS: Record<string, string> = {
  /** Talking to the bot, no case yet. */
  bot: '机器人接待',
  open: '机器人接待',
  queued: '排队中',
  active: '人工服务中',
  resolved: '已办结',
};

export const WECHAT_LOGIN_LABELS: Record<string, string> = {
  'logged-in': '已登录',
  'scan-qr': '等待扫码登录',
  reconnecting: '正在重新连接',
  'logged-out': '未登录',
};

export const WECHAT_ROLE_LABELS: Record<string, string> = {
  leader: '本实例负责微信收发',
  standby: '由其他实例负责微信收发',
  off: '未启用微信渠道',
};

/** Under this many seconds left, the deadline is shown in red (as in the console). */
export const URGENT_SECONDS = 10 * 60;
