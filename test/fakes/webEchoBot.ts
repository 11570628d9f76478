import type { Activity, TurnContext } from 'botbuilder';
import type { BotLogic } from '../../src/bot/botLogic';

/**
 * A deterministic stand-in for the bot core in the web channel's tests: greets on join,
 * echoes messages, asks to shorten long ones and fails on demand.
 */
export const GREETING = '您好，我是投诉助手，请描述您遇到的问题。';
export const echoOf = (text: string) => `收到：${text}`;
export const shortenPrompt = (max: number) => `您的消息太长了，请精简到 ${max} 字以内再发送。`;

export interface WebEchoBot extends BotLogic {
  /** Every activity the bot was given, in order. */
  seen: Partial<Activity>[];
}

export function createWebEchoBot(options: { maxMessageChars?: number } = {}): WebEchoBot {
  const max = options.maxMessageChars ?? 4000;
  const seen: Partial<Activity>[] = [];
  const bot = async (context: TurnContext) => {
    const a = context.activity;
    seen.push(JSON.parse(JSON.stringify(a)));
    if (a.type === 'conversationUpdate') {
      if ((a.membersAdded ?? []).some((m) => m.id !== a.recipient.id)) await context.sendActivity(GREETING);
    } else if (a.type === 'message') {
      const text = a.text ?? '';
      if (text === 'boom') throw new Error('test bot failed on purpose');
      if (text.startsWith('slow:')) await new Promise((r) => setTimeout(r, 300));
      if (text.length > max) await context.sendActivity(shortenPrompt(max));
      else await context.sendActivity(echoOf(text));
    } else if (a.type === 'event') {
      await context.sendActivity(`事件：${a.name}`);
    }
  };
  return Object.assign(bot, { seen });
}
