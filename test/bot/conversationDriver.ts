import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity, type Storage } from 'botbuilder';
import { MainDialog, type IntakeSettings } from '../../dialogs';
import { createComplaintBotLogic, type ComplaintBotOptions } from '../../src/bot/complaintBot';
import type { Recognizer } from '../../src/domain/understanding';
import { DEFAULT_RESPONSE_HOURS } from '../../src/domain/deadlines';
import { FakeCaseIntake } from '../fakes/fakeCaseIntake';
import { FakeRecognizer } from '../fakes/fakeRecognizer';

/** 2025-11-21 20:05 in Shanghai: receipts in the tests read 「11月21日 20:05」. */
export const FIXED_NOW = new Date('2025-11-21T12:05:00Z');

export interface DriverOptions {
  recognizer?: Recognizer;
  caseIntake?: FakeCaseIntake;
  /** Share one storage between drivers to simulate a restart. */
  storage?: Storage;
  channelId?: string;
  conversationId?: string;
  userId?: string;
  settings?: Partial<IntakeSettings>;
  bot?: Partial<ComplaintBotOptions>;
}

/**
 * The whole bot (ComplaintBot + MainDialog over Bot Framework state) on a TestAdapter, one
 * customer message at a time, returning the bot's replies to that message.
 */
export class ConversationDriver {
  readonly caseIntake: FakeCaseIntake;
  readonly storage: Storage;
  readonly adapter: TestAdapter;

  constructor(options: DriverOptions = {}) {
    this.caseIntake = options.caseIntake ?? new FakeCaseIntake(() => FIXED_NOW);
    this.storage = options.storage ?? new MemoryStorage();
    const conversationState = new ConversationState(this.storage);
    const userState = new UserState(this.storage);
    const mainDialog = new MainDialog({
      recognizer: options.recognizer ?? new FakeRecognizer(),
      caseIntake: this.caseIntake,
      conversationState,
      deadlines: DEFAULT_RESPONSE_HOURS,
      ...options.settings,
    });
    const logic = createComplaintBotLogic(conversationState, userState, mainDialog, {
      maxMessageChars: 4000,
      now: () => FIXED_NOW,
      onTurnError: () => undefined,
      ...options.bot,
    });
    this.adapter = new TestAdapter(logic, {
      channelId: options.channelId ?? 'test',
      conversation: { id: options.conversationId ?? 'conv-1', isGroup: false, conversationType: 'personal', name: 'conv' },
      from: { id: options.userId ?? 'customer-1', name: 'customer' },
      recipient: { id: 'bot', name: 'bot' },
    });
  }

  /** Sends one message (or activity) and returns every reply the bot sent for it. */
  async say(message: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity(typeof message === 'string' ? { type: 'message', text: message } : message);
    return this.adapter.activeQueue.splice(0);
  }

  /** Sends one message and returns the replies as the customer reads them (text, or summary for cards). */
  async sayText(message: string | Partial<Activity>): Promise<string> {
    return replyText(await this.say(message));
  }
}

export function replyText(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? r.summary ?? '').join('\n');
}

/** One row of a conversation table: what the customer says, and what the bot's replies must contain or match. */
export type Turn = [says: string | Partial<Activity>, expect: string | RegExp | ((reply: string, replies: Partial<Activity>[]) => void)];

/** Plays a table of turns, like the [user says, bot replies] tables of the BotBuilder samples. */
export async function play(driver: ConversationDriver, turns: Turn[]): Promise<Partial<Activity>[][]> {
  const all: Partial<Activity>[][] = [];
  for (const [says, expected] of turns) {
    const replies = await driver.say(says);
    const text = replyText(replies);
    const label = typeof says === 'string' ? says : JSON.stringify(says).slice(0, 80);
    if (typeof expected === 'string')
      expect({ says: label, reply: text }).toEqual({ says: label, reply: expect.stringContaining(expected) });
    else if (expected instanceof RegExp)
      expect({ says: label, reply: text }).toEqual({ says: label, reply: expect.stringMatching(expected) });
    else expected(text, replies);
    all.push(replies);
  }
  return all;
}
