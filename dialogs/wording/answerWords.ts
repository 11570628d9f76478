import type { NonAnswerKind, NonAnswerReason } from '../../intents/answerReading';

/**
 * How a non-answer reads. The agent sees it in the third person on the case («客户不记得»); the
 * customer hears it in the summary in their own terms («记不清了»), so neither mistakes it for
 * a value.
 */
export interface NonAnswer {
  kind: NonAnswerKind;
  reason?: NonAnswerReason;
}

export function agentWords({ kind, reason }: NonAnswer): string {
  switch (kind) {
    case 'unknown':
      return reason === 'forgot' ? '客户不记得' : reason === 'notNoticed' ? '客户没注意' : '客户不清楚';
    case 'none':
      return '客户说没有';
    case 'refused':
      return reason === 'askUs'
        ? '客户请我们自己查记录'
        : reason === 'why'
          ? '客户不愿提供（问为什么要问这个）'
          : reason === 'declined'
            ? '客户说不用了，没有回答'
            : '客户不方便提供';
    case 'done':
      return '客户说就是前面讲的这些，没有更多';
  }
}

/** The summary read back to the customer: the kind is enough there, the reason is for the agent. */
export function customerWords(kind: NonAnswerKind): string {
  switch (kind) {
    case 'unknown':
      return '暂时不清楚';
    case 'none':
      return '没有';
    case 'refused':
      return '暂不提供';
    case 'done':
      return '就是前面说的这些';
  }
}

/** A reply that does not fit the question (a rant where a repair number was asked): a note for the agent, in the customer's words. */
export function unfitAnswerWords(label: string, said: string, alongside?: NonAnswer): string {
  const head = alongside ? agentWords(alongside) : `客户没有提供${label}`;
  return `${head}，原话：「${said}」`;
}

/** After «不记得» the next question opens with reassurance instead of «好的，记下了». */
export const NON_ANSWER_OK_TEXT = '没关系，';
