import type { Attachment, HandoffReason } from './case';
import type { EscalationSignal, SlotName } from './understanding';

/** How staff pages and agent summaries name slots and escalation signals; one wording everywhere. */
export const SLOT_LABELS: Record<SlotName, string> = {
  phone: '手机号',
  idNumber: '证件号',
  amount: '金额',
  month: '月份',
  date: '日期',
  time: '时间',
  place: '地点',
  placeSetting: '室内外',
  duration: '持续多久',
  staffId: '涉及工号',
  ticketId: '原工单号',
  phoneModel: '机型',
};

export const SIGNAL_LABELS: Record<EscalationSignal, string> = {
  regulator: '提到工信部/通信管理局/12300',
  consumer_association: '提到12315/消协',
  media: '提到媒体曝光',
  lawyer: '提到律师/起诉',
  higher_up: '扬言找上级/越级投诉',
  threat: '扬言举报或采取行动',
  repeat: '重复投诉',
  elderly: '老年客户',
  urgent: '事情紧急',
  anger: '情绪激动',
};

/** Why a case came to a person, as staff read it. */
export const REASON_NAMES: Record<HandoffReason, string> = {
  asked: '客户要求人工',
  not_understood: '机器人两次未能理解',
  escalation: '升级风险高',
  elderly: '老年客户',
  urgent: '客户表示紧急',
  category: '按配置需人工处理的类别',
  anger: '客户情绪激动',
  signal: '按配置需人工处理的升级信号',
  reopened: '办结后客户不满意或再次反映，工单重开',
};

export const MEDIA_NAMES: Record<Attachment['kind'], string> = {
  image: '图片',
  voice: '语音',
  video: '视频',
  file: '文件',
  sticker: '表情',
  link: '链接',
  other: '内容',
};
/** How media appear in the transcript staff read, e.g. 「[图片]」. */
export function mediaLabel(kind: Attachment['kind']): string {
  return `[${MEDIA_NAMES[kind]}]`;
}
