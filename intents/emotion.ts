/**
 * Anger (0 calm … 1 furious) and escalation signals, from lexicons and typography.
 *
 * Anger combines evidence as a noisy-or, so each extra cue raises the score with diminishing
 * returns: anger words (weighted, boosted by a preceding intensifier, cancelled by a preceding
 * negation), swearing, runs of ！ and ？, shouting in Latin capitals, and threats. Signals come
 * from typo-tolerant lexicons (通讯管理局 still counts as the regulator).
 */
import type { EscalationSignal, UnderstandingContext } from '../src/domain/understanding';
import { FuzzyLexicon } from './fuzzyLexicon';
import { normalizeText } from './normalize';
import { cutDictionaryWords, isDictionaryWord } from './tokenizer';

type AngerCue = { weight: number };

const ANGER_WORDS: Array<[number, string[]]> = [
  [
    0.6,
    ['妈的', '他妈', '特么', 'tmd', 'nmd', '操你', '卧槽', '我操', '我靠', '傻逼', '傻b', '傻x', 'sb', '煞笔', '脑残', '去死', '滚蛋', '王八蛋', '混蛋', '狗日', '畜生', '不要脸', '无耻', '流氓', '强盗', '土匪', '骗子', '诈骗', '吸血鬼', '人渣', '狗屁', '放屁', '忍无可忍', '欺人太甚', '气死我了', '气死了', '滚'],
  ],
  [
    0.45,
    ['垃圾', '坑人', '坑爹', '黑心', '抢钱', '骗钱', '坑钱', '骗人', '恶心', '太过分', '岂有此理', '受够了', '忍不了', '火大', '愤怒', '气炸', '恼火', '混账', '耍流氓', '欺负人', '耍我', '玩我', '当猴耍', '什么玩意', '搞什么', '什么破', '破网', '破手机', '破宽带', '烂透', '太差劲', '投诉到底', '绝不罢休', '没完'],
  ],
  [
    0.32,
    ['生气', '气人', '过分', '离谱', '荒唐', '可笑', '无语', '差劲', '太差', '很差', '烂', '坑', '糊弄', '敷衍', '凭什么', '莫名其妙', '不像话', '不负责任', '失望', '崩溃', '郁闷', '烦死', '受不了', '欺骗', '霸王条款', '态度恶劣', '恶劣', '不满', '强烈不满', '乱扣', '乱收费', '讨个说法', '给个说法', '要个说法', '忽悠', '推卸', '踢皮球', '太慢了', '有没有人管'],
  ],
  [
    0.16,
    ['怎么回事', '为什么', '为啥', '咋回事', '咋还', '怎么还', '到底', '怎么搞的', '搞什么', '啥情况', '烦', '着急', '搞不懂', '不明白', '还没', '一直', '总是', '老是', '天天', '还是没', '没人管', '无奈', '能不能', '多久', '赶紧', '快点', '不行', '太慢', '难道', '真是的', '服了'],
  ],
];

const INTENSIFIERS = ['太', '非常', '特别', '极其', '真', '真是', '简直', '实在', '超级', '超', '巨', '十分', '相当', '太太', '很', '好'];
const NEGATIONS = ['不', '没', '别', '不是', '并不', '不太'];

const SIGNAL_TERMS: Record<Exclude<EscalationSignal, 'anger'>, string[]> = {
  regulator: ['工信部', '工业和信息化部', '通信管理局', '通管局', '管局', '12300', '电信管理局', '工信局', '电信监管', '监管部门'],
  consumer_association: ['12315', '315', '消协', '消费者协会', '消保委', '市场监管局', '市场监督管理局', '工商局', '消费者权益保护'],
  media: ['媒体', '记者', '曝光', '微博', '抖音', '报社', '电视台', '新闻', '小红书', '头条', '发到网上', '网上曝光', '朋友圈', '热搜', '快手', '公众号曝光'],
  lawyer: ['律师', '起诉', '法院', '打官司', '法律途径', '诉讼', '仲裁', '告你们', '去告', '报警', '公安局', '派出所', '律师函', '维权'],
  repeat: ['第二次', '第三次', '第四次', '第五次', '第几次', '又', '多次投诉', '多次', '好几次', '反映了好几次', '屡次', '三番五次', '反复', '再次', '又一次', '投诉过', '上次投诉', '一次又一次', '无数次', '每次都', '几次三番', '来回跑', '跑了好几趟', '一直没解决', '还是没解决', '重复投诉'],
  elderly: ['老人', '老年人', '老人家', '七十多岁', '八十多岁', '六十多岁', '九十多岁', '我爸妈', '我爸', '我妈', '爸妈', '父母', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '老伴', '年纪大', '岁数大', '上了年纪', '老大爷', '老大娘', '大爷', '老太太', '老头', '退休', '独居', '残疾', '行动不便', '不会用智能手机', '老年机', '老人机'],
  urgent: ['急', '马上', '救命', '生意', '赶紧', '立刻', '立即', '紧急', '火速', '十万火急', '耽误', '等着用', '住院', '医院', '急用', '今天必须', '尽快', '刻不容缓', '快点'],
};

/** Three-character terms distinctive enough to match with one wrong character (工信步, 通管据). */
const FUZZY_THREE = new Set(['工信部', '通管局', '消保委', '工商局', '电视台', '打官司', '律师函', '派出所', '公安局']);

export interface EmotionAssessment {
  anger: number;
  level: AngerLevel;
  signals: EscalationSignal[];
  escalationRisk: boolean;
}

export type AngerLevel = 'low' | 'mid' | 'high';

export const ANGER_MID = 0.15;
export const ANGER_HIGH = 0.55;

export function angerLevel(anger: number): AngerLevel {
  return anger >= ANGER_HIGH ? 'high' : anger >= ANGER_MID ? 'mid' : 'low';
}

let angerLexicon: FuzzyLexicon<AngerCue> | undefined;
let signalLexicon: FuzzyLexicon<Exclude<EscalationSignal, 'anger'>> | undefined;

function lexicons(): { anger: FuzzyLexicon<AngerCue>; signals: FuzzyLexicon<Exclude<EscalationSignal, 'anger'>> } {
  if (!angerLexicon || !signalLexicon) {
    angerLexicon = new FuzzyLexicon(
      ANGER_WORDS.flatMap(([weight, terms]) => terms.map((term) => ({ term, value: { weight }, fuzzy: false }))),
    );
    signalLexicon = new FuzzyLexicon(
      (Object.keys(SIGNAL_TERMS) as Array<Exclude<EscalationSignal, 'anger'>>).flatMap((signal) =>
        SIGNAL_TERMS[signal].map((term) => ({ term, value: signal, fuzzy: FUZZY_THREE.has(term) || undefined })),
      ),
      { isKnownWord: isDictionaryWord, segment: cutDictionaryWords },
    );
  }
  return { anger: angerLexicon, signals: signalLexicon };
}

// «我七十多了», «都快八十了»: the age without 岁 is said as often as with it.
const AGE = /([6-9]\d|1[01]\d)\s*(?:岁|周岁)|([六七八九])十(?:多|几|来)?岁|[六七八九]十(?:多|好几|出头)了|快[七八九]十了|[六七八九]十多的人/;
/** "又" as repetition, not as "and also" in 又…又… lists or the 又 of 还有/又是 choices. */
const REPEAT_YOU = /又(?!是|不是|要|想|能|可以|好|快|便宜|贵)/;
const WAITED = /(?:\d+|[一二两三四五六七八九十半几好]+)\s*(?:多)?\s*(?:天|周|个星期|星期|个月|月|年|小时|个小时|趟|次)(?:多)?了|等了(?:很久|好久|半天|一上午|一下午|一天)/;
const STRONG_SIGNALS: EscalationSignal[] = ['regulator', 'consumer_association', 'media', 'lawyer'];

function precededBy(text: string, index: number, words: string[]): boolean {
  for (const w of words) {
    if (index >= w.length && text.startsWith(w, index - w.length)) return true;
  }
  return false;
}

/** Reads anger and escalation signals from a message (any script or width). */
export function assessEmotion(text: string, context: UnderstandingContext = {}): EmotionAssessment {
  return assessEmotionReadable(normalizeText(text), context);
}

/** assessEmotion for text already through normalizeText (the recognizer's path). */
export function assessEmotionReadable(readable: string, context: UnderstandingContext = {}): EmotionAssessment {
  const lower = readable.toLowerCase();
  const { anger: angerLex, signals: signalLex } = lexicons();
  const cues: number[] = [];

  const angerHits = angerLex.find(lower, { fuzzy: false });
  // longest hits first; skip hits nested inside a longer one (气死我了 contains 气死)
  angerHits.sort((a, b) => b.end - b.start - (a.end - a.start));
  const taken: Array<[number, number]> = [];
  for (const hit of angerHits) {
    if (taken.some(([s, e]) => hit.start >= s && hit.end <= e)) continue;
    // Latin swear words must stand alone, not inside another word.
    if (/^[a-z]+$/.test(hit.term)) {
      const before = lower[hit.start - 1] ?? ' ';
      const after = lower[hit.end] ?? ' ';
      if (/[a-z]/.test(before) || /[a-z]/.test(after)) continue;
    }
    taken.push([hit.start, hit.end]);
    if (precededBy(lower, hit.start, NEGATIONS) && hit.value.weight < 0.5) continue;
    const boost = precededBy(lower, hit.start, INTENSIFIERS) ? 1.35 : 1;
    cues.push(Math.min(0.8, hit.value.weight * boost));
  }

  // Waiting and broken promises: "三天了", "一个多星期了", "说好的…".
  if (WAITED.test(lower)) cues.push(0.2);
  if (/说好的|答应(?:过|了|好)|承诺(?:过|的)|保证过/.test(lower)) cues.push(0.2);

  const bangs = readable.match(/[!！]{2,}/g);
  const longestBang = bangs ? Math.max(...bangs.map((b) => b.length)) : readable.includes('!') || readable.includes('！') ? 1 : 0;
  if (longestBang >= 3) cues.push(0.35);
  else if (longestBang === 2) cues.push(0.22);
  else if (longestBang === 1) cues.push(0.1);
  if (/[?？]{2,}|[?？][!！]|[!！][?？]/.test(readable)) cues.push(0.18);
  const shouted = readable.match(/\b[A-Z]{2,}\b/g)?.filter((w) => !/^(?:[2-5]G|APP|SIM|IPTV|VIP|ID|TS|WIFI|VOLTE|SP|OK|PDF|QQ|TV|IOS|CEO|HD|GB|MB|KB|TB)$/.test(w));
  if (shouted && shouted.length > 0) cues.push(0.2);

  const signals = new Set<EscalationSignal>();
  for (const hit of signalLex.find(lower)) {
    if (/^\d+$/.test(hit.term) && (/\d/.test(lower[hit.start - 1] ?? '') || /\d/.test(lower[hit.end] ?? ''))) continue;
    if (hit.value === 'repeat' && hit.term === '又' && !REPEAT_YOU.test(lower.slice(hit.start))) continue;
    if (hit.value === 'urgent' && hit.term === '急' && /急(?:什么|啥)|不急|别急|不着急/.test(lower.slice(Math.max(0, hit.start - 2), hit.end + 2))) continue;
    signals.add(hit.value);
  }
  if (AGE.test(lower)) signals.add('elderly');
  for (const s of STRONG_SIGNALS) if (signals.has(s)) cues.push(0.3);
  if (signals.has('repeat')) cues.push(0.2);

  let calm = 1;
  for (const c of cues) calm *= 1 - c;
  const anger = Math.round((1 - calm) * 1000) / 1000;
  if (anger >= ANGER_HIGH) signals.add('anger');

  const prior = context.priorComplaints ?? 0;
  const strong = STRONG_SIGNALS.some((s) => signals.has(s));
  // DOMAIN.md lists each of these as a reason to escalate on its own: threats to go outside
  // (regulator, 12315, media, lawyers), repeated contact, an elderly or vulnerable customer,
  // strong anger. Urgency alone is not, but urgency with visible anger is.
  const escalationRisk =
    strong ||
    signals.has('repeat') ||
    signals.has('elderly') ||
    anger >= ANGER_HIGH ||
    prior >= 1 ||
    (signals.has('urgent') && anger >= ANGER_MID);

  const ordered: EscalationSignal[] = ['regulator', 'consumer_association', 'media', 'lawyer', 'repeat', 'elderly', 'urgent', 'anger'];
  return { anger, level: angerLevel(anger), signals: ordered.filter((s) => signals.has(s)), escalationRisk };
}
