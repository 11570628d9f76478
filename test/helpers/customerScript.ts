import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';

/**
 * A customer who tells a complaint and then answers whatever the bot asks with one fact-rich
 * reply, and confirms the summary. Used to drive the real bot through any channel to a receipt
 * without the test hard-coding the order of the bot's questions.
 */
export interface CustomerScript {
  opening: string;
  /** Said whenever the bot asks something other than a confirmation. */
  facts: string;
}

export interface ChannelSession {
  say(text: string): Promise<void>;
  /** Bot texts that arrived since the last call, once the bot has gone quiet. */
  replies(): Promise<string[]>;
}

const TICKET_IN_TEXT = new RegExp(TICKET_ID_PATTERN.source.replace(/^\^|\$$/g, ''));

/** Like talkUntilReceipt, but a reply matching `refusal` ends the talk too (a limited intake). */
export async function talkUntilReceiptOr(session: ChannelSession, script: CustomerScript, refusal: RegExp) {
  try {
    return { ...(await talkUntilReceipt(session, script, 10, refusal)), refusal: undefined };
  } catch (err) {
    if (err instanceof RefusedError) return { refusal: err.reply, transcript: err.transcript };
    throw err;
  }
}

class RefusedError extends Error {
  constructor(
    readonly reply: string,
    readonly transcript: string[],
  ) {
    super(`refused: ${reply}`);
  }
}

export async function talkUntilReceipt(session: ChannelSession, script: CustomerScript, maxTurns = 10, refusal?: RegExp) {
  const transcript: string[] = [];
  let message = script.opening;
  for (let turn = 0; turn < maxTurns; turn++) {
    transcript.push(`客户: ${message}`);
    await session.say(message);
    const replies = await session.replies();
    if (replies.length === 0) throw new Error(`the bot did not answer "${message}"\n${transcript.join('\n')}`);
    transcript.push(...replies.map((r) => `机器人: ${r}`));
    const receipt = replies.find((r) => TICKET_IN_TEXT.test(r));
    const refused = refusal && replies.find((r) => refusal.test(r));
    if (refused) throw new RefusedError(refused, transcript);
    if (receipt) return { receiptText: receipt, ticketId: receipt.match(TICKET_IN_TEXT)![0], turns: turn + 1, transcript };
    const last = replies[replies.length - 1];
    message = /对，就是这样|确认|对吗|没问题吧|是否/.test(last) ? '对，就是这样' : script.facts;
  }
  throw new Error(`no receipt after ${maxTurns} turns\n${transcript.join('\n')}`);
}
