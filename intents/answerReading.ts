/**
 * How a reply to one of our questions reads: a real answer, or one of the ways customers say
 * they cannot or will not answer («不记得», «没有», «不方便说», «就这些»), or consent and
 * dissent at the summary. Works clause by clause: a clause that is nothing but such a phrase
 * (plus fillers and the name of what was asked, «单号忘了») counts as that phrase; any clause
 * with something more in it («没有信号», «不知道为什么就扣了») makes the whole reply a value.
 */
import { normalizeText } from './normalize';

export type NonAnswerKind = 'unknown' | 'none' | 'refused' | 'done';
/** `cancel`: the customer withdraws the complaint («不投诉了», «不用登记了»). */
export type AnswerKind = 'value' | NonAnswerKind | 'yes' | 'no' | 'more' | 'cancel';
/** What the reply answers: one of our questions, the summary read back, or «还需要补充什么？». */
export type AskedKind = 'question' | 'summary' | 'addition';

/** Why a customer could not answer: the agent reads «客户不记得» and «客户请我们自己查» differently. */
/** `declined`: «不用了» at one of our questions, no reason given: the customer passes on it. */
export type NonAnswerReason = 'forgot' | 'notKnown' | 'notNoticed' | 'private' | 'why' | 'askUs' | 'declined';

export interface AnswerReading {
  kind: AnswerKind;
  /** For unknown and refused: the more precise reason. */
  reason?: NonAnswerReason;
  /**
   * For a value: a non-answer said alongside it («我都报修两次了！单号哪记得住»), so a slot the
   * value does not fit can still be marked as not known.
   */
  alongside?: NonAnswerKind;
  alongsideReason?: NonAnswerReason;
}

interface Phrase {
  kind: Exclude<AnswerKind, 'value'>;
  pattern: RegExp;
  reason?: NonAnswerReason;
}

/**
 * Tried in this order on each clause, each match cut out before the next is tried: «没问题» and
 * «没注意» must be taken before «没» reads as «none», «不是很清楚» before «不是» reads as «no».
 */
const ANSWER_PHRASES: Phrase[] = [
  { kind: 'yes', pattern: /没问题|没错|不错|没毛病|无误|没有?问题/g },
  {
    kind: 'done',
    pattern:
      /(?:暂时|目前|先|大概|差不多|基本|基本上)?就(?:这些|这么多|这么些|这样|这点事?|酱紫?|这个样子)|(?:暂时|目前|先)(?:就)?这些|没有?(?:别的|其他|其它|啥|什么|更多)(?:的|了|事|问题|要说|要补充|可说|可补充|补充)*|(?:别的|其他|其它)(?:的)?(?:都|也)?没有?|(?:说|讲)完了?|暂时没有|没有?(?:了|啦|咯)(?=$)|没有?(?:了|啦|咯)(?=没)/g,
  },
  {
    kind: 'more',
    pattern:
      /(?:需要|我要|要|想|我想|再)?补充(?:一下|一点|几句|下)?|忘了?说|漏了|少了|另外|还有(?:一点|一个|一件事|一件|个事|个|件事|件|点|话要说|事)?/g,
  },
  {
    kind: 'refused',
    reason: 'why',
    pattern:
      /(?:问|要)(?:这个|这些|这|那么多|这么多|那个)?(?:干嘛|干啥|干什么|做什么|做啥|有什么用|有啥用|弄啥|搞么子)|(?:干嘛|干啥|为什么|为啥)(?:要)?(?:问|告诉你?|说)(?:这个|这些|这|你)?|关你(?:什么|啥|屁)?事|(?:跟|和|与)(?:这|这个|投诉)?有(?:什么|啥)关系|与你无关/g,
  },
  {
    kind: 'refused',
    reason: 'askUs',
    pattern:
      /(?:你们)?不是(?:都)?有(?:记录|登记)吗?|(?:你们|你)(?:那边|系统里?|后台)?(?:自己)?(?:去)?(?:查|翻)(?:记录|一下|下)?(?:就(?:知道|清楚|有)了?)?|自己(?:去)?(?:查|翻)去?|(?:系统|后台|你们那边)(?:里)?(?:都|不是)?(?:有|能查)|有记录|查一下就(?:知道|清楚)/g,
  },
  {
    kind: 'refused',
    reason: 'private',
    pattern: /[不唔](?:方便|想|愿|愿意|好意思|便)(?:说|讲|告诉你?|透露|提供|回答|给)?|懒得(?:说|讲)|不告诉你?|隐私|保密|无可奉告|拒绝回答/g,
  },
  {
    kind: 'unknown',
    reason: 'forgot',
    pattern:
      /[不唔](?:太|大|是很|是太|怎么|很)?(?:记得|记的|几得|记住)|(?:记|想)不(?:太)?(?:清楚?|起来|起|住|得|到)|忘(?:记|掉|光|了|啦|拉)*|(?:哪|谁|咋)(?:能|会|还)?记(?:得|的)住?|没(?:有)?(?:印象|记住)|bjd|bujide/g,
  },
  {
    kind: 'unknown',
    reason: 'notNoticed',
    pattern: /没(?:有)?(?:注意|留意|在意|关注|仔细看|看到|看清|数过|算过)(?:到|看)?/g,
  },
  {
    kind: 'unknown',
    reason: 'notKnown',
    pattern:
      /[不弗](?:太|大|是很|是太|怎么|很)?(?:知道|之道|知到|晓得|清楚|确定|了解|懂|造)|晓不得|唔知|母鸡|布吉岛|天知道|鬼知道|谁知道|(?:我)?(?:哪|咋|怎么)知道|说不(?:好|清楚?|准|上来)|搞不(?:清楚?|懂|明白)|弄不清楚?|bzd|buzhidao|idk/g,
  },
  {
    kind: 'no',
    pattern:
      /(?:好像|有点|有些|也|还是)?不(?:太|完全|全|怎么)?(?:对|是|准确|正确)|(?:有|搞|弄|写|记|填|打)?错了?|有误|(?:要|需要|帮我)?(?:修改|改一下|改下|改改|改|更正)|有问题/g,
  },
  { kind: 'none', pattern: /(?:从来|根本|压根|还|并|都|也|一直|一次都|一个都)?(?:没得|木有|莫得|么有|没有?|冇|无)(?:过)?|meiyou/g },
  { kind: 'yes', pattern: /对头|要得|是滴|是哒|是这样|就是这样|确认|可以|对|是|嗯|恩|好|行|系|ok|okay|yes/g },
];

/** Withdrawing the complaint, wherever it is said: tried first, so «不用了，不投诉了» is no «nothing to add». */
const WITHDRAWAL: Phrase = {
  kind: 'cancel',
  pattern:
    /(?:我|那就|那|就)?(?:不|不想|不要|不用|别)(?:再)?投诉了?|(?:不用|不要|别|不必|不需要)(?:给我|帮我)?(?:再)?(?:登记|记录|记|建单|立案)(?:了|啦)?|不登记了|(?:撤销|撤回|取消)(?:这个)?投诉/g,
};
/** At the summary and at «还需要补充什么？», «不用了» is «nothing to add»; at one of our questions it says nothing. */
const NOTHING_MORE: Phrase = { kind: 'done', pattern: /(?:不用|不需要|不必|用不着)(?:再)?(?:改|修改|补充|加)?(?:了|啦|咯)?/g };

/**
 * At one of our questions a bare «不用了» passes on that question: no value to store, and no
 * withdrawal of the complaint either (that takes «不投诉了», «取消»).
 */
const DECLINED: Phrase = { kind: 'refused', reason: 'declined', pattern: /(?:不用|不需要|不必|用不着)(?:了|啦|咯|吧)+|不用|不需要/g };

const PHRASES_FOR: Record<AskedKind, Phrase[]> = {
  question: [WITHDRAWAL, DECLINED, ...ANSWER_PHRASES],
  summary: [WITHDRAWAL, NOTHING_MORE, ...ANSWER_PHRASES],
  addition: [WITHDRAWAL, NOTHING_MORE, ...ANSWER_PHRASES],
};

/** Words that may stand around a non-answer without adding anything: pronouns, particles, apologies, the thing asked about. */
const NEUTRAL_WORDS = new RegExp(
  [
    '不好意思|抱歉|对不起|sorry|说实话|说真的|老实说|其实|哎呀|哎|唉|诶|额|呃|谢谢|谢啦|多谢',
    // beside a withdrawal («算了不用登记了») these add nothing
    '算了|不用了',
    '报修单号|工单号|单号|单子|工单|编号|订单号|号码|工号|名字|姓名|手机型号|型号|具体|时间|日期|几号|哪天|什么时候|几点|金额|多少钱|地址|位置|在哪|哪里|这事|这件事|那天|当时|情况|东西|什么|啥|哪个|之前|以前|上次|记录',
    '报修过|报修|报过|修过|试过|试|弄过|办过|去过|换过|打过|问过|处理过|联系过|重启过|用过',
    '太久|好久|很久|那么久|这么久|年纪大|记性不好|记性差',
    '这样|这个意思|你们|你|我|俺|咱|他们|他|她|也|都|真的|真|确实|实在|早就|早|已经|完全|根本|一点|一下子|一下|有点|反正|当然|就|还|又|这个|那个|这|那|个|一个|问',
    '[啊呀吧呢哦噢嗯哈了的吗么嘛啦咯喔哟嘞咧哇呗撒嗷喇呐诶]',
  ].join('|'),
  'g',
);
/** Consent must be plain: «对对对你们都对» is sarcasm, not a yes, so only particles may surround it. */
const YES_PARTICLES = /[啊呀吧呢哦噢嗯哈了的啦咯滴哒呐嘞]|谢谢|谢啦/g;

const CLAUSE_BREAK = /[\s,，。.!！?？;；~～、:：…]+/;
/** A clause that only gives up («算了，不投诉了»): it says nothing beside a withdrawal. */
const GIVING_UP = /^(?:算了|不用了|好吧|那|行吧)[吧啦呀]?$/;

/** Most important first, when a reply holds several («对，就这些» reads as done, «嗯，不知道» as unknown). */
const PRIORITY: Array<Exclude<AnswerKind, 'value'>> = ['cancel', 'no', 'more', 'unknown', 'refused', 'none', 'done', 'yes'];
const NON_ANSWERS: NonAnswerKind[] = ['unknown', 'refused', 'none', 'done'];

interface ClauseReading {
  /** The clause says something beyond set phrases and fillers. */
  content: boolean;
  found: Array<{ kind: Exclude<AnswerKind, 'value'>; reason?: NonAnswerReason }>;
}

function readClause(clause: string, asked: AskedKind): ClauseReading {
  let rest = clause;
  const found: ClauseReading['found'] = [];
  let yesOnly = true;
  for (const phrase of PHRASES_FOR[asked]) {
    const next = rest.replace(phrase.pattern, ' ');
    if (next === rest) continue;
    found.push({ kind: phrase.kind, reason: phrase.reason });
    if (phrase.kind !== 'yes') yesOnly = false;
    rest = next;
  }
  const residue = yesOnly ? rest.replace(YES_PARTICLES, '') : rest.replace(NEUTRAL_WORDS, '');
  return { content: residue.replace(/\s+/g, '') !== '', found };
}

/** Reads a reply to a question or to the summary read back (any script or width), as an answer to `asked`. */
export function readAnswer(text: string, asked: AskedKind = 'question'): AnswerReading {
  const readable = normalizeText(text)
    .toLowerCase()
    // «不 知 道»: spaces between Chinese characters are typing habits, not breaks.
    .replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '');
  const parts = readable.split(CLAUSE_BREAK).filter(Boolean);
  let clauses = parts.map((c) => readClause(c, asked));
  if (clauses.some((c) => c.found.some((f) => f.kind === 'cancel'))) clauses = clauses.filter((_, i) => !GIVING_UP.test(parts[i]));
  const found = clauses.flatMap((c) => c.found);
  const pick = (kinds: readonly string[], among = found) => {
    for (const kind of kinds) {
      const hit = among.find((f) => f.kind === kind);
      if (hit) return hit;
    }
    return undefined;
  };

  if (clauses.some((c) => c.content) || found.length === 0) {
    // «宽带不用了还在扣费»: 不用了 inside a value is part of what happened, not a pass.
    const alongside = pick(
      NON_ANSWERS.filter((k) => k !== 'done'),
      found.filter((f) => f.reason !== 'declined'),
    );
    return alongside ? { kind: 'value', alongside: alongside.kind as NonAnswerKind, alongsideReason: alongside.reason } : { kind: 'value' };
  }
  const best = pick(PRIORITY)!;
  return best.reason ? { kind: best.kind, reason: best.reason } : { kind: best.kind };
}

/** True for the readings that are no value: nothing to store as the answer itself. */
export function isNonAnswer(reading: AnswerReading): reading is AnswerReading & { kind: NonAnswerKind } {
  return (NON_ANSWERS as string[]).includes(reading.kind);
}
