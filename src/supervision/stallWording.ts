import { servingText, transferredText } from '../handoff/handoffWording';

/**
 * What supervisors read as stall reasons, and what a customer hears when a supervisor steps in.
 * Reasons are short Chinese sentences a duty manager can act on at a glance.
 */

/** 45 → "45 秒", 372 → "6 分钟", 4000 → "1 小时 6 分钟". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分钟`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
}

export const STALL_TEXT = {
  queueWait: (seconds: number) => `客户已排队等待 ${durationText(seconds)}，无人接入`,
  replyWait: (seconds: number) => `客户已等待 ${durationText(seconds)}无人回复`,
  botWait: (seconds: number) => `客户已等待机器人回复 ${durationText(seconds)}`,
  agentSilent: (seconds: number, agentNo?: string) => `${agentNo ? `客服 ${agentNo} 号` : '客服'}已 ${durationText(seconds)}未发言`,
  deadlineNear: (thresholdMinutes: number, secondsLeft: number) =>
    `距回复时限不足 ${thresholdMinutes} 分钟（还剩 ${durationText(secondsLeft)}）`,
  overdue: (secondsOver: number) => `已超过回复时限 ${durationText(secondsOver)}`,
  angerRising: () => '情绪持续升级',
  angerHigh: () => '客户情绪激动',
  repeat: (otherCases: number) => (otherCases > 0 ? `重复投诉（该客户另有 ${otherCases} 张工单）` : '重复投诉'),
} as const;

/** Said to the customer when a supervisor takes the conversation over. */
export function takeoverText(agentNo: string): string {
  return `您好，值班主管（客服 ${agentNo} 号）接手为您服务。之前的沟通记录我都看过了，您不用再重复，我们接着处理。`;
}

/** Said to the customer when a supervisor gives the conversation to an agent. */
export function assignedText(agentNo: string | undefined, hadOwner: boolean): string {
  if (hadOwner) return transferredText(agentNo);
  return agentNo ? servingText(agentNo) : '已为您安排人工客服，请稍候，之前的记录客服都能看到。';
}
