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
  repeat: '重复投诉',
  elderly: '老年客户',
  urgent: '事情紧急',
  anger: '情绪激动',
};
