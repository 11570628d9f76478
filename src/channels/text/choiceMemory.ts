import { z } from 'zod';
import type { Store } from '../../store/store';
import type { ReplyChoice } from './outboundText';

/**
 * The numbered choices last offered in each conversation, kept in the shared store so a reply
 * of "1" still means the same thing after a restart or on whichever instance runs the channel next
 * (WeChat, WeCom: each channel keeps its own record kind).
 * As on web chat, the choices belong to the bot's latest message: any later bot message
 * replaces them (or clears them when it offers none).
 */

const DEFAULT_KIND = 'wechat-choices';
/** A customer may answer a question days later; dialog state lives longer still. */
const TTL_SECONDS = 7 * 24 * 3600;

const storedChoicesSchema = z.object({
  choices: z.array(z.object({ title: z.string(), text: z.string().optional(), value: z.unknown().optional() })).min(1),
});

export interface PickedChoice {
  index: number;
  choice: ReplyChoice;
}

export class ChoiceMemory {
  constructor(
    private readonly store: Store,
    private readonly kind: string = DEFAULT_KIND,
  ) {}

  async remember(conversationId: string, choices: ReplyChoice[]): Promise<void> {
    if (choices.length === 0) await this.store.deleteRecord(this.kind, conversationId);
    else await this.store.putRecord(this.kind, conversationId, { choices }, TTL_SECONDS);
  }

  async recall(conversationId: string): Promise<ReplyChoice[] | undefined> {
    const raw = await this.store.getRecord<unknown>(this.kind, conversationId);
    if (raw === undefined) return undefined;
    const parsed = storedChoicesSchema.safeParse(raw);
    return parsed.success ? (parsed.data.choices as ReplyChoice[]) : undefined;
  }
}

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * Which offered choice a reply means: "1", "１", "1.", "第1个", "一", or the choice's title
 * typed out. Anything else is ordinary text and goes to the bot unchanged.
 */
export function pickChoice(reply: string, choices: ReplyChoice[]): PickedChoice | undefined {
  // NFKC turns full-width digits and punctuation, common on Chinese keyboards, into ASCII.
  const text = reply.normalize('NFKC').trim();
  const m = /^(?:第|选)?\s*(\d{1,2}|[一二两三四五六七八九十])\s*(?:个|项|条|号)?\s*[.。、,，)!！]?$/.exec(text);
  if (m) {
    const n = /\d/.test(m[1]) ? Number(m[1]) : CHINESE_NUMERALS[m[1]];
    if (n >= 1 && n <= choices.length) return { index: n - 1, choice: choices[n - 1] };
    return undefined;
  }
  const lowered = text.toLowerCase();
  const index = choices.findIndex((c) => c.title.normalize('NFKC').trim().toLowerCase() === lowered);
  return index >= 0 ? { index, choice: choices[index] } : undefined;
}
