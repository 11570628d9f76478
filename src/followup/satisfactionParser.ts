import type { Satisfaction } from '../domain/case';

/**
 * Reads a customer's answer to «满意吗？1-5 分». Customers answer with a digit (also full-width
 * or circled), a Chinese numeral with 分/星, or in words. Undefined when the message is not an
 * answer (a comment, a new question): the survey then treats it as a remark.
 */

export type Score = Satisfaction['score'];

const CIRCLED: Record<string, Score> = { '①': 1, '②': 2, '③': 3, '④': 4, '⑤': 5 };
const NUMERALS: Record<string, Score> = { 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5 };

/** Checked in order: the negative and intensified forms before the plain ones they contain. */
const WORDS: [RegExp, Score][] = [
  [/(很|非常|特别|十分|极其|极|太|超级?)不满意?|一点(都|也)不满意|差评|太差|很差|非常差|垃圾|差劲|糟糕透/, 1],
  [/不(太|怎么|是很|大)?满意|没解决|没有解决|不好(?!意思)|不怎么样|^差|^不行|有点差|失望/, 2],
  [/^(一般般?|还行|凑合|马马虎虎|还可以|中等|普通|及格)[吧啊的了，,。.!！~]*$|凑合|马马虎虎/, 3],
  [/(非常|很|特别|十分|超级?|太|挺)满意|满分|五星|好评|点赞|太棒|非常好|特别好|很棒|完美/, 5],
  [/满意|不错|(挺|很)好(?!听|看|吃|玩|用吗)/, 4],
  // Short acknowledgements only: «可以帮我查一下吗» is a question, not a score.
  [/^(还好|可以|行|好的?|好吧|谢谢|感谢|多谢|ok)[了啊呀的吧，,。.!！~谢你们]*$/, 4],
];

export function parseSatisfaction(raw: string): { score: Score; words: string } | undefined {
  const text = normalise(raw);
  if (!text) return undefined;
  const words = raw.trim().slice(0, 200);
  const score = numericScore(text) ?? wordScore(text);
  return score === undefined ? undefined : { score, words };
}

/** Low scores reopen the case (DOMAIN.md: an unhappy customer is contacted again within 48 h). */
export function isUnhappy(score: Score): boolean {
  return score <= 2;
}

function normalise(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toLowerCase();
}

function numericScore(text: string): Score | undefined {
  // A bare digit, circled digit or numeral, with optional 分/星 and punctuation: «5», «⑤», «五分», «4星».
  const bare = /^(?:打|给|评)?([1-5①-⑤一二两三四五壹贰叁肆伍])(?:分|星|颗星)?[。.!！~、，,]*$/.exec(text);
  if (bare) return toScore(bare[1]);
  // Inside a longer answer the unit is required, so «10月的账单» or a phone number never count.
  const scored = /(?<![0-9])([1-5]|[一二两三四五])(?:分|星|颗星)(?!钟)/.exec(text) ?? /([①-⑤])/.exec(text);
  return scored ? toScore(scored[1]) : undefined;
}

function wordScore(text: string): Score | undefined {
  // Long messages are rarely an answer: only a word near the start counts («不满意，问题根本没解决…»).
  const head = text.length > 40 ? text.slice(0, 12) : text;
  for (const [pattern, score] of WORDS) if (pattern.test(head)) return score;
  return undefined;
}

function toScore(token: string): Score {
  if (/^[1-5]$/.test(token)) return Number(token) as Score;
  return CIRCLED[token] ?? NUMERALS[token];
}
