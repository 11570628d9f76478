import type { Resolution } from '../domain/case';
import type { WaitEstimate } from './queueEstimate';

/**
 * What customers hear around a handoff. The queue notice tells the truth: the place in the
 * queue, a wait that is said to be rough, and that a message left now will be read — or, when
 * no agent is online, exactly that, with the deadline for an answer and no wait at all.
 */

export function waitText(estimate: WaitEstimate): string {
  const { minutes } = estimate;
  const amount = minutes < 60 ? `${minutes} 分钟` : `${Math.round(minutes / 30) / 2} 小时`;
  return estimate.basis === 'recent' ? `大约 ${amount}（按最近的接入速度粗略估计）` : `大约 ${amount}（粗略估计）`;
}

/** Said once, when the case enters the queue. */
export function queuedText(position: number, estimate: WaitEstimate): string {
  return (
    `已为您排队等候人工客服：您现在排在第 ${position} 位，预计还要等${waitText(estimate)}。` +
    '等待期间可以直接在这里留言，把情况和方便联系的时间告诉我们，人工客服接入后会先看您的留言。'
  );
}

/** Said to each message while the case waits: the message is kept, and where they stand now. */
export function stillQueuedText(position: number, estimate: WaitEstimate): string {
  return `留言已收到，人工客服接入后会看到。您现在排在第 ${position} 位，预计还要等${waitText(estimate)}。`;
}

/**
 * Said instead of the place and the wait when no agent is online (nights, holidays): nobody is
 * taking cases, so there is no wait to tell. What is true: the matter is recorded, messages left
 * now are kept, and the deadline by which a colleague answers (`due`, «11月21日 21:05 前»).
 */
export function noAgentQueuedText(due: string | undefined): string {
  return (
    '现在暂时没有人工客服同事在线，您的情况已经记录下来了，不会因为没人在线而丢掉。' +
    '您可以继续在这里留言，把情况和方便联系的时间告诉我们，留言都会保存，同事上线后会先看您的留言。' +
    answerBy(due)
  );
}

/** Said to each message while the case waits with no agent online. */
export function noAgentStillQueuedText(due: string | undefined): string {
  return `留言已收到并保存。现在暂时没有人工客服同事在线，${answerBy(due)}`;
}

function answerBy(due: string | undefined): string {
  return due ? `同事会在 ${due}答复您。` : '已经过了原定的答复时间，很抱歉让您久等，同事上线后会优先处理您的工单。';
}

export function servingText(agentNo: string): string {
  return `您好，客服 ${agentNo} 号为您服务。您之前的留言和登记的情况我这边都能看到，请问现在情况怎么样了？`;
}

export function transferredText(agentNo: string | undefined): string {
  return agentNo
    ? `已为您转接到客服 ${agentNo} 号，客服 ${agentNo} 号为您服务，之前的记录都会一并转过去，您不用再重复。`
    : '已为您转接到另一位客服同事，之前的记录都会一并转过去，您不用再重复，请稍候。';
}

export const RELEASED_TEXT = '人工客服已结束本次服务，接下来由智能助手继续为您服务。还有问题可以直接告诉我，需要人工随时发「转人工」。';

/** The result notice (结果告知): cause, solution, any compensation, what will change, and thanks. */
export function resolvedText(ticketId: string, resolution: Resolution): string {
  const lines = [`您的工单 ${ticketId} 已处理完毕。`, `原因：${resolution.cause}`, `处理结果：${resolution.solution}`];
  if (resolution.compensation) lines.push(`补偿：${resolution.compensation}`);
  if (resolution.changes) lines.push(`后续改进：${resolution.changes}`);
  lines.push(
    resolution.changes
      ? '感谢您的耐心，也谢谢您把问题告诉我们，让我们有机会改进。之后还有需要，随时在这里找我。'
      : '感谢您的耐心和反馈，我们会把这次的问题记下来，尽量不让它再发生。之后还有需要，随时在这里找我。',
  );
  return lines.join('\n');
}
