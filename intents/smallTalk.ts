/**
 * Small talk and commands: greetings, thanks, asking for a person, opening hours, cancel,
 * restart, help, goodbye. Asking for a person counts anywhere in a message; the conversational
 * ones only when they stand (almost) alone in a clause, so 取消 in "套餐取消不了" is a
 * grievance, not a command.
 */
import type { SmallTalk } from '../src/domain/understanding';
import { FuzzyLexicon } from './fuzzyLexicon';
import { normalizeText } from './normalize';
import { cutDictionaryWords, isDictionaryWord } from './tokenizer';

interface Rule {
  kind: SmallTalk;
  terms: string[];
  /** Must the term fill most of its clause? */
  standalone: boolean;
  /** With standalone: how many other characters (fillers aside) the clause may hold. */
  maxRest?: number;
}

const RULES: Rule[] = [
  {
    kind: 'human',
    terms: [
      '转人工',
      '转接人工',
      '转个人工',
      '找人工',
      '要人工',
      '接人工',
      '叫人工',
      '换人工',
      '上人工',
      '找真人',
      '要真人',
      '找个真人',
      '找个人工',
      '真人来',
      '人工来',
      '找活人',
      '让人工',
      '请人工',
      '来个人工',
      '来个真人',
      '人工坐席',
    ],
    standalone: false,
  },
  {
    kind: 'human',
    terms: ['人工', '人工客服', '人工服务', '真人', '真人客服', '客服', '找客服', '活人', '人呢'],
    standalone: true,
    maxRest: 2,
  },
  {
    kind: 'hours',
    terms: [
      '营业时间',
      '几点开门',
      '几点关门',
      '几点下班',
      '几点上班',
      '上班时间',
      '开门时间',
      '营业到几点',
      '几点营业',
      '什么时候开门',
      '什么时候上班',
      '周末营业',
      '周末上班',
      '开到几点',
      '几点钟开',
      '几点钟关',
    ],
    standalone: false,
  },
  {
    kind: 'cancel',
    terms: ['取消', '算了', '不用了', '不需要了', '不投诉了', '不办了', '不说了', '没事了', '撤销投诉', '撤回投诉', '不弄了'],
    standalone: true,
    maxRest: 1,
  },
  {
    kind: 'restart',
    // «我再说一遍» with its 我: «你再说一遍» asks us to repeat, it does not start over.
    terms: [
      '重新说',
      '重来',
      '重新开始',
      '从头来',
      '从头开始',
      '重新来',
      '再来一次',
      '重新描述',
      '说错了',
      '从头说',
      '重新讲',
      '从头讲',
      '重说',
      '我再说一遍',
      '我再说一次',
      '我再讲一遍',
    ],
    standalone: true,
    maxRest: 1,
  },
  {
    kind: 'help',
    terms: [
      '帮助',
      '你能做什么',
      '你会什么',
      '你能干什么',
      '能干嘛',
      '怎么用',
      '有什么功能',
      '功能介绍',
      '菜单',
      'help',
      '你是谁',
      '使用说明',
      // «你是机器人吗» is asked often: it gets the honest answer with the help.
      '你是机器人吗',
      '是机器人吗',
      '你是机器人',
      '机器人吗',
      '你是真人吗',
      '是真人吗',
      '你是人吗',
      '你是ai吗',
      '是ai吗',
    ],
    standalone: true,
  },
  { kind: 'bye', terms: ['再见', '拜拜', '拜', 'bye', '88', '先这样', '下次聊', '回头见', '没别的了'], standalone: true },
  { kind: 'thanks', terms: ['谢谢', '多谢', '感谢', '谢了', '谢啦', '辛苦了', '麻烦你了', 'thanks', 'thx', 'thank you'], standalone: true },
  {
    kind: 'greeting',
    terms: [
      '你好',
      '您好',
      '在吗',
      '在么',
      '在不在',
      '哈喽',
      'hello',
      'hi',
      '早上好',
      '晚上好',
      '下午好',
      '中午好',
      '嗨',
      '喂',
      '有人吗',
      '有人在吗',
      '客服在吗',
      '你们好',
      '客服你好',
      '早',
    ],
    standalone: true,
  },
];

/**
 * When several kinds occur, the one that changes the conversation most wins, except that
 * «算了，重新说» is a restart: the 算了 gives up on the wording, not on the complaint.
 */
const PRIORITY: SmallTalk[] = ['human', 'restart', 'cancel', 'help', 'hours', 'bye', 'thanks', 'greeting'];

let lexicon: FuzzyLexicon<Rule> | undefined;

function smallTalkLexicon(): FuzzyLexicon<Rule> {
  if (!lexicon) {
    // Only 转人工 is worth catching with a typo (转人攻); the rest are matched as written.
    const entries = RULES.flatMap((rule) => rule.terms.map((term) => ({ term, value: rule, fuzzy: term === '转人工' })));
    lexicon = new FuzzyLexicon(entries, { isKnownWord: isDictionaryWord, segment: cutDictionaryWords });
  }
  return lexicon;
}

const CLAUSE_BREAK = /[,，。.!！?？;；~～、\s]+/;
/** A clause that only leads in to a command («不对，我重新说», «算了，重新说») belongs to it. */
const LEAD_IN = /^(?:不对|不是|算了|算了算了|等等|等一下|哎呀?|唉|那个)$/;
/** Politeness and filler that may surround a command without making it a sentence of its own. */
const FILLER = /[啊呀吧呢哦噢嗯哈了的吗么嘛请帮我给麻烦你您快点下一个先好吧]/g;

export interface SmallTalkResult {
  kind?: SmallTalk;
  /** Every kind found. */
  kinds: SmallTalk[];
  /** Share of the message's characters taken by small talk clauses (0..1). */
  coverage: number;
}

const NOTHING: SmallTalkResult = Object.freeze({ kind: undefined, kinds: [], coverage: 0 }) as SmallTalkResult;

/** Reads small talk from a message (any script or width). */
export function detectSmallTalk(text: string): SmallTalkResult {
  return detectSmallTalkReadable(normalizeText(text));
}

/** detectSmallTalk for text already through normalizeText (the recognizer's path). */
export function detectSmallTalkReadable(readable: string): SmallTalkResult {
  const text = readable.toLowerCase();
  // Most messages hold no small-talk term at all: one scan of the whole text settles that.
  if (smallTalkLexicon().find(text).length === 0) return NOTHING;
  const found = new Set<SmallTalk>();
  let covered = 0;
  let total = 0;
  let leadIn = 0;
  for (const clause of text.split(CLAUSE_BREAK)) {
    if (!clause) continue;
    total += clause.length;
    const hits = smallTalkLexicon().find(clause);
    let clauseIsSmallTalk = false;
    let best: { kind: SmallTalk; rest: number } | undefined;
    for (const hit of hits) {
      const rule = hit.value;
      if (!rule.standalone) {
        found.add(rule.kind);
        if (clause.length <= hit.end - hit.start + 6) clauseIsSmallTalk = true;
        continue;
      }
      const rest = (clause.slice(0, hit.start) + clause.slice(hit.end)).replace(FILLER, '').length;
      if (rest > (rule.maxRest ?? 3)) continue;
      // Latin short forms (hi, 88) must be the whole clause.
      if (/^[a-z0-9 ]+$/.test(hit.term) && clause.replace(FILLER, '').trim() !== hit.term) continue;
      if (!best || rest < best.rest) best = { kind: rule.kind, rest };
    }
    if (best) {
      found.add(best.kind);
      clauseIsSmallTalk = true;
    }
    if (clauseIsSmallTalk) covered += clause.length;
    else if (LEAD_IN.test(clause)) leadIn += clause.length;
  }
  const kinds = PRIORITY.filter((k) => found.has(k));
  if (kinds.length > 0) covered += leadIn;
  return { kind: kinds[0], kinds, coverage: total > 0 ? covered / total : 0 };
}
