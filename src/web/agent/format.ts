/** Everything the console says, in Chinese, and how it shows times and durations. */
import { SIGNAL_LABELS as DOMAIN_SIGNAL_LABELS, SLOT_LABELS as DOMAIN_SLOT_LABELS } from '../../domain/labels';

export const CATEGORY_LABELS: Record<string, string> = {
  service_attitude: '服务态度',
  business_handling: '业务办理',
  product_quality: '产品质量',
  billing_dispute: '收费争议',
  after_sales: '售后支持',
};

export const categoryLabel = (id: string | undefined): string => (id ? (CATEGORY_LABELS[id] ?? id) : '未分类');

export const STATUS_LABELS: Record<string, string> = {
  open: '机器人受理中',
  queued: '待接单',
  active: '处理中',
  resolved: '已办结',
};

/** A channel as GET /api/channels describes it (src/domain/channels.ts on the server). */
export interface ChannelInfo {
  id: string;
  label: string;
  capabilities: { cards: boolean; menus: boolean; attachments: boolean; typing: boolean; sendBudget?: { messages: number; hours: number } };
  connected: boolean;
}

/** The desk's channels, filled once per page from the server's registry (src/web/shared/StaffApp.ts). */
const channels = new Map<string, ChannelInfo>();

export function setChannels(list: readonly ChannelInfo[]): void {
  channels.clear();
  for (const c of list) channels.set(c.id, c);
}

export const channelLabel = (id: string): string => channels.get(id)?.label ?? (id || '未知渠道');

export const channelCapabilities = (id: string): ChannelInfo['capabilities'] | undefined => channels.get(id)?.capabilities;

export const SPEAKER_LABELS: Record<string, string> = {
  customer: '客户',
  bot: '机器人',
  agent: '客服',
  system: '系统',
};

/** The server's own wording (src/domain/labels.ts), indexable by any field name the API sends. */
export const SLOT_LABELS: Record<string, string> = DOMAIN_SLOT_LABELS;
export const SIGNAL_LABELS: Record<string, string> = DOMAIN_SIGNAL_LABELS;

/** The phrase families of DOMAIN.md, as src/assist/types.ts names them. */
export const FAMILY_LABELS: Record<string, string> = {
  empathy: '感同身受',
  valued: '被重视',
  customer_side: '站在客户角度',
  calming: '安抚情绪',
  thanks: '感谢建议',
  apology: '真诚致歉',
  progress: '进度说明',
};

export const familyLabel = (id: string): string => FAMILY_LABELS[id] ?? id;

const pad = (n: number) => String(n).padStart(2, '0');

/** 42秒, 5分03秒, 2小时05分, 3天4小时. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${pad(minutes)}分`;
  if (minutes > 0) return `${minutes}分${pad(seconds)}秒`;
  return `${seconds}秒`;
}

/** A countdown that reads at a glance: 1:05:09 or 09:59. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Today's times as 14:05, older ones with the date. */
export function formatTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const sameDay = new Date(t).toDateString() === new Date(now).toDateString();
  return (sameDay ? timeFormat : dateTimeFormat).format(t);
}

export const URGENT_MS = 10 * 60 * 1000;
