/**
 * Anger (0 calm … 1 furious) and escalation signals, from lexicons and typography.
 *
 * Anger combines evidence as a noisy-or, so each extra cue raises the score with diminishing
 * returns: anger words (weighted, boosted by a preceding intensifier, cancelled by a preceding
 * negation), swearing, runs of ！ and ？, shouting in Latin capitals, sarcasm (sarcasm.ts), and
 * threats. Signals come from typo-tolerant lexicons (通讯管理局 still counts as the regulator);
 * whether a mention is a threat is threatContext.ts, repeated contact is repeatContact.ts.
 */
import { ESCALATION_SIGNALS, type EscalationSignal, type UnderstandingContext } from '../src/domain/understanding';
import { FuzzyLexicon } from './fuzzyLexicon';
import { normalizeText } from './normalize';
import { RegexGate } from './regexGate';
import { isRepeatContact } from './repeatContact';
import { sarcasmCues } from './sarcasm';
import { type ActThreat, readActThreats, readThreat } from './threatContext';
import { cutDictionaryWords, isDictionaryWord } from './tokenizer';

type AngerCue = { weight: number };

const ANGER_WORDS: Array<[number, string[]]> = [
  [
    0.6,
    [
      '妈的',
      '他妈',
      '特么',
      'tmd',
      'nmd',
      '操你',
      '卧槽',
      '我操',
      '我靠',
      '傻逼',
      '傻b',
      '傻x',
      'sb',
      '煞笔',
      '脑残',
      '去死',
      '滚蛋',
      '王八蛋',
      '混蛋',
      '狗日',
      '畜生',
      '不要脸',
      '无耻',
      '流氓',
      '强盗',
      '土匪',
      '骗子',
      '诈骗',
      '吸血鬼',
      '人渣',
      '狗屁',
      '放屁',
      '忍无可忍',
      '欺人太甚',
      // Fury at a moral wrong, often over an elderly parent cheated: as strong as swearing.
      '还是人吗',
      '没有底线',
      '没底线',
      '毫无底线',
      '良心不痛',
      '丧良心',
      '丧尽天良',
      '缺德',
      '明抢',
      '不得好死',
      '气死我了',
      '气死了',
      '气死人',
      '滚',
    ],
  ],
  [
    0.45,
    [
      '垃圾',
      '坑人',
      '坑爹',
      '黑心',
      '抢钱',
      '骗钱',
      '坑钱',
      '骗人',
      '恶心',
      '太过分',
      '岂有此理',
      '受够了',
      '忍不了',
      '别逼我',
      '火大',
      '愤怒',
      '气炸',
      '恼火',
      '混账',
      '耍流氓',
      '欺负人',
      '骗老人',
      '坑老人',
      '欺负老人',
      '骗老年人',
      '耍我',
      '玩我',
      '当猴耍',
      '什么玩意',
      '搞什么',
      '什么破',
      '破网',
      '破手机',
      '破宽带',
      '烂透',
      '太差劲',
      '投诉到底',
      '绝不罢休',
      '没完',
    ],
  ],
  [
    0.32,
    [
      '生气',
      '气人',
      '过分',
      '离谱',
      '荒唐',
      '可笑',
      '无语',
      '差劲',
      '太差',
      '很差',
      '烂',
      '坑',
      '糊弄',
      '敷衍',
      '凭什么',
      '莫名其妙',
      '不像话',
      '不负责任',
      '不负责',
      '失望',
      '崩溃',
      '郁闷',
      '烦死',
      '受不了',
      '欺骗',
      '霸王条款',
      '态度恶劣',
      '恶劣',
      '不满',
      '强烈不满',
      '乱扣',
      '乱收费',
      '讨个说法',
      '给个说法',
      '要个说法',
      '忽悠',
      '推卸',
      '踢皮球',
      '太慢了',
      '有没有人管',
    ],
  ],
  [
    0.16,
    [
      '怎么回事',
      '为什么',
      '为啥',
      '咋回事',
      '咋还',
      '怎么还',
      '到底',
      '怎么搞的',
      '搞什么',
      '啥情况',
      '烦',
      '着急',
      '搞不懂',
      '不明白',
      '还没',
      '一直',
      '总是',
      '老是',
      '天天',
      '还是没',
      '没人管',
      '无奈',
      '能不能',
      '多久',
      '赶紧',
      '快点',
      '不行',
      '太慢',
      '难道',
      '真是的',
      '服了',
      '严重影响',
      '急死',
    ],
  ],
];

const INTENSIFIERS = ['太', '非常', '特别', '极其', '真', '真是', '简直', '实在', '超级', '超', '巨', '十分', '相当', '太太', '很', '好'];
const NEGATIONS = ['不', '没', '别', '不是', '并不', '不太'];

/** Terms for the outside bodies; threatContext.ts decides whether a mention is a threat. */
type OutsideBody = 'regulator' | 'consumer_association' | 'media' | 'lawyer';
type LexiconSignal = OutsideBody | 'elderly' | 'urgent';

const SIGNAL_TERMS: Record<LexiconSignal, string[]> = {
  regulator: [
    '工信部',
    '工业和信息化部',
    '通信管理局',
    '通管局',
    '管局',
    '12300',
    '电信管理局',
    '工信局',
    '电信监管',
    '监管部门',
    '有关部门',
    '相关部门',
    '12345',
    '市长热线',
    '市长信箱',
    '书记信箱',
    '政府热线',
    '政务热线',
    '信访',
    '上访',
    '网信办',
    'gxb',
    '主管部门',
    '上级部门',
  ],
  consumer_association: [
    '12315',
    '315',
    '消协',
    '消费者协会',
    '消保委',
    '市场监管局',
    '市场监督管理局',
    '工商局',
    '工商部门',
    '工商所',
    '消费协会',
    '消委会',
    '消费者权益保护',
    '市场监管',
    '消基会',
  ],
  media: [
    '媒体',
    '记者',
    '曝光',
    '微博',
    '抖音',
    '报社',
    '报纸',
    '晚报',
    '日报',
    '报道',
    '新闻热线',
    '上新闻',
    '上电视',
    '上报纸',
    '栏目组',
    '民生栏目',
    '网上',
    '网络上',
    '电视台',
    '新闻',
    '小红书',
    '头条',
    '发到网上',
    '网上曝光',
    '朋友圈',
    '热搜',
    '快手',
    '公众号曝光',
    '黑猫投诉',
    '黑猫',
    '人民网',
    '领导留言板',
    '爆料',
    '发帖',
    '让全网',
    '让大家都知道',
    '让更多人知道',
    '让所有人都知道',
  ],
  lawyer: [
    '律师',
    '起诉',
    '法院',
    '打官司',
    '法律途径',
    '法律程序',
    '诉诸法律',
    '诉讼',
    '仲裁',
    '告你们',
    '去告',
    '报警',
    '报案',
    '公安局',
    '派出所',
    '律师函',
    '法庭',
    '法律责任',
    '法律武器',
    '法律手段',
    '法律上见',
    '法律解决',
    '维权',
  ],
  elderly: [
    '老人',
    '老年人',
    '老人家',
    '七十多岁',
    '八十多岁',
    '六十多岁',
    '九十多岁',
    '我爸妈',
    '我爸',
    '我妈',
    '爸妈',
    '父母',
    '爷爷',
    '奶奶',
    '外公',
    '外婆',
    '姥姥',
    '姥爷',
    '老伴',
    '年纪大',
    '岁数大',
    '上了年纪',
    '老大爷',
    '老大娘',
    '大爷',
    '老太太',
    '老头',
    '退休',
    '独居',
    '残疾',
    '行动不便',
    '不会用智能手机',
    '老年机',
    '老人机',
    '长辈',
  ],
  urgent: [
    '急',
    '马上',
    '救命',
    '生意',
    '赶紧',
    '立刻',
    '立即',
    '紧急',
    '火速',
    '十万火急',
    '耽误',
    '等着用',
    '急用',
    '今天必须',
    '尽快',
    '刻不容缓',
    '快点',
  ],
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
let signalLexicon: FuzzyLexicon<LexiconSignal> | undefined;

function lexicons(): { anger: FuzzyLexicon<AngerCue>; signals: FuzzyLexicon<LexiconSignal> } {
  if (!angerLexicon || !signalLexicon) {
    angerLexicon = new FuzzyLexicon(
      ANGER_WORDS.flatMap(([weight, terms]) => terms.map((term) => ({ term, value: { weight }, fuzzy: false }))),
    );
    signalLexicon = new FuzzyLexicon(
      (Object.keys(SIGNAL_TERMS) as LexiconSignal[]).flatMap((signal) =>
        SIGNAL_TERMS[signal].map((term) => ({ term, value: signal, fuzzy: FUZZY_THREE.has(term) || undefined })),
      ),
      { isKnownWord: isDictionaryWord, segment: cutDictionaryWords },
    );
  }
  return { anger: angerLexicon, signals: signalLexicon };
}

const AGE =
  /([6-9]\d|1[01]\d)\s*(?:岁|周岁)|([六七八九])十(?:多|几|来)?岁|[六七八九]十(?:多|好几|出头)了|快[七八九]十了|[六七八九]十多的人/;
/** A fault that came back (又断网了), as opposed to 又…又… lists or the 又 of 还有/又是 choices. */
const RECURRENCE = /又(?!是|不是|要|想|能|可以|好|快|便宜|贵)/;
const WAITED =
  /(?:\d+|[一二两三四五六七八九十半几好]+)\s*(?:多)?\s*(?:天|周|个星期|星期|个月|月|年|小时|个小时|趟|次)(?:多)?了|等了(?:很久|好久|半天|一上午|一下午|一天)/;
/**
 * Urgency that cannot wait for the normal queue: someone unreachable or at risk, a same-day
 * need. 尽快/马上/赶紧 are how people ask politely or impatiently, so they are not enough.
 */
const PRESSING =
  /急死|十万火急|救命|刻不容缓|今天必须|今天务必|务必今天|必须今天|今天一定要|急着用|等着用|急用|急急|急需|紧急|火速|出事|出了事|出什么事|三长两短|人命|联系不上|找不到人|危险|有危险/;
/**
 * Someone the customer cannot reach (她电话一直打不通, 联系不到, 失联): pressing when the customer is
 * worried or the person is alone; 我爸电话打不通，是不是欠费了 is a question about the line.
 */
const UNREACHABLE =
  /联系不到|没法联系|失联|找不着(?:人|她|他)|(?:电话|座机|手机)(?:一直|总是|老是|怎么也)?打不通|打不通(?:她|他|家里|老人)/;
const WORRIED = /着急|很急|特别急|非常急|急得|担心|放心不下|害怕|万一|一个人(?:在家|住)|独居|独自/;
/** Pastimes (他一个人在家无聊, 等着看电视): a wish to be met soon, not a risk. */
const LEISURE = /无聊|解闷|看电视|看戏|看剧|追剧|打游戏|打牌|刷视频|看球/;
/** What safety hangs on: the line that calls for help, a hospital, a ride to the doctor. */
const SAFETY_AT_STAKE =
  /(?:手机|电话|座机|老人机)(?:突然|一直)?(?:没信号|停机|打不出|打不通|坏了|用不了|不能用|断了)|医院|叫车|救护|看病|复查|出事|好歹|危险/;
/** Urgency said with force (非常着急, 急坏了, 等不了): more than the 尽快 of a polite request. */
const STRONG_URGENCY =
  /(?:非常|特别|很|十分|太|真的很|真的)着急|急坏了|急得(?:不行|要命|团团转|睡不着)|急疯了|很急|特别急|非常急|等不了|等不起/;
/** A threat to take the custom elsewhere, as a condition or a dare. */
const CHURN_THREAT =
  /(?:再不|再这样|不然|否则|就|逼我|大不了|信不信我)[^，。！？,!?]{0,8}(?:携号转网|转网|销户|退网|换(?:移动|联通|电信|广电|运营商|一家|别家)|不用你们|转走|退了|不续)/;
/** Said outright that it can wait (不急, 有空再来): whatever else sounds pressing is not. */
const NOT_PRESSING = /不急|不着急|不用急|不用着急|不赶时间|有空再|有空的时候|方便的时候/;
/** Sick or in hospital: vulnerable like the elderly, when it is also pressing. */
const MEDICAL = /住院|心脏病|发烧|高烧|生病|病危|病重|手术|急救|抢救|孕妇|怀孕|透析|瘫痪/;
/** Broken promises: 说好的…, 答应过…. */
const PROMISED = /说好的|答应(?:过|了|好)|承诺(?:过|的)|保证过/;
/** A fault counted out (断了三次网, 一天掉线五回). */
const FAULT_COUNTED = /(?:断|掉线|掉|坏|停|卡)了?\s*(?:[2-9]|\d{2,}|[两三四五六七八九十几好]+)\s*(?:次|回|遍)/;
const BANG_RUNS = /[!！]{2,}/g;
const QUESTION_BANG = /[?？]{2,}|[?？][!！]|[!！][?？]/;
const SHOUTED = /\b[A-Z]{2,}\b/g;
const BODY_GONG = /[公供宫功攻共恭龚](?=信[部布步])/g;
const BODY_XIAO = /[销宵萧硝](?=协)/g;
const SPELLED_RUN = /[零〇一幺二三四五六七八九]{5}/g;

/** The expressions read on the lower-cased text of every message: most can begin at none of its characters. */
const LOWER_GATE = new RegexGate([
  WAITED,
  PROMISED,
  FAULT_COUNTED,
  BODY_GONG,
  BODY_XIAO,
  SPELLED_RUN,
  AGE,
  RECURRENCE,
  CHURN_THREAT,
  NOT_PRESSING,
  PRESSING,
  MEDICAL,
  LEISURE,
  SAFETY_AT_STAKE,
  UNREACHABLE,
  WORRIED,
  STRONG_URGENCY,
]);
const READABLE_GATE = new RegexGate([BANG_RUNS, QUESTION_BANG, SHOUTED]);

/**
 * 麻烦 (please) holds 烦, 我妈的 holds 妈的, and 能不能帮我… is a polite request: none is annoyance.
 * 能不能给个稳定点的 / 能不能别发了 still count.
 */
function isPoliteAsk(text: string, term: string, start: number, end: number): boolean {
  if (term === '烦') return text[start - 1] === '麻';
  // 我妈的卡 is a mother's phone card, not 妈的.
  if (term === '妈的') return /[我你她咱俺老姑舅姨后亲大小婆岳丈奶姥]/.test(text[start - 1] ?? '');
  if (term === '能不能')
    return /^(?:帮|上门|把|今天|开通|打电话|告诉|麻烦|请)/.test(text.slice(end)) || /(?:请问|麻烦|想问|问)$/.test(text.slice(0, start));
  return false;
}

function precededBy(text: string, index: number, words: string[]): boolean {
  for (const w of words) {
    if (index >= w.length && text.startsWith(w, index - w.length)) return true;
  }
  return false;
}

/** Hotline numbers spelled in characters (一二三一五, 幺二三零零), as typed by voice input or to dodge filters. */
const SPELLED_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const HOTLINES = new Set(['12300', '12315', '12345']);

/**
 * The outside bodies as customers' pinyin input mistypes them, written back in their usual form
 * with the text's length kept: 公信部/供信部/宫信部 (gōngxìnbù), 销协 (xiāoxié), spelled hotlines.
 * The lexicon's one-typo tolerance keeps a three-character term's first character, so the
 * homophone of the first character of 工信部 needs this.
 */
/** `re` (one of LOWER_GATE's) on the lower-cased text, `may` its scan. */
function matches(re: RegExp, lower: string, may: number): boolean {
  return LOWER_GATE.may(may, re) && re.test(lower);
}

function canonicalBodies(lower: string, may: number): string {
  let out = lower;
  if (LOWER_GATE.may(may, BODY_GONG)) out = out.replace(BODY_GONG, '工');
  if (LOWER_GATE.may(may, BODY_XIAO)) out = out.replace(BODY_XIAO, '消');
  if (LOWER_GATE.may(may, SPELLED_RUN)) out = out.replace(SPELLED_RUN, spelledHotline);
  return out;
}

function spelledHotline(m: string): string {
  const digits = [...m].map((c) => SPELLED_DIGITS[c]).join('');
  return HOTLINES.has(digits) ? digits : m;
}

/** Reads anger and escalation signals from a message (any script or width). */
export function assessEmotion(text: string, context: UnderstandingContext = {}): EmotionAssessment {
  return assessEmotionReadable(normalizeText(text), context);
}

/** assessEmotion for text already through normalizeText (the recognizer's path). */
export function assessEmotionReadable(readable: string, context: UnderstandingContext = {}): EmotionAssessment {
  const lower = readable.toLowerCase();
  const may = LOWER_GATE.scan(lower);
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
    if (isPoliteAsk(lower, hit.term, hit.start, hit.end)) continue;
    // 诈骗短信, 诈骗电话: the customer reports a scam, and is not calling us swindlers.
    if (hit.term === '诈骗' && /^(?:短信|电话|号码|分子|来电|信息|团伙)/.test(lower.slice(hit.end))) continue;
    if (precededBy(lower, hit.start, NEGATIONS) && hit.value.weight < 0.5) continue;
    const boost = precededBy(lower, hit.start, INTENSIFIERS) ? 1.35 : 1;
    cues.push(Math.min(0.8, hit.value.weight * boost));
  }

  // Waiting and broken promises: "三天了", "一个多星期了", "说好的…".
  if (matches(WAITED, lower, may)) cues.push(0.2);
  if (matches(PROMISED, lower, may)) cues.push(0.2);
  // A fault counted out (断了三次网, 一天掉线五回) is a grievance told with some heat.
  if (matches(FAULT_COUNTED, lower, may)) cues.push(0.2);

  const onReadable = READABLE_GATE.scan(readable);
  const bangs = READABLE_GATE.may(onReadable, BANG_RUNS) ? readable.match(BANG_RUNS) : null;
  const longestBang = bangs ? Math.max(...bangs.map((b) => b.length)) : readable.includes('!') || readable.includes('！') ? 1 : 0;
  if (longestBang >= 3) cues.push(0.35);
  else if (longestBang === 2) cues.push(0.22);
  else if (longestBang === 1) cues.push(0.1);
  if (READABLE_GATE.may(onReadable, QUESTION_BANG) && QUESTION_BANG.test(readable)) cues.push(0.18);
  const shouted = (READABLE_GATE.may(onReadable, SHOUTED) ? readable.match(SHOUTED) : null)?.filter(
    (w) => !/^(?:[2-5]G|APP|SIM|IPTV|VIP|ID|TS|WIFI|VOLTE|SP|OK|PDF|QQ|TV|IOS|CEO|HD|GB|MB|KB|TB)$/.test(w),
  );
  if (shouted && shouted.length > 0) cues.push(0.2);

  const signals = new Set<EscalationSignal>();
  const threats = new Set<OutsideBody | ActThreat>();
  const bodies = canonicalBodies(lower, may);
  for (const hit of signalLex.find(bodies)) {
    if (/^\d+$/.test(hit.term) && (/\d/.test(lower[hit.start - 1] ?? '') || /\d/.test(lower[hit.end] ?? ''))) continue;
    if (/^[a-z]+$/.test(hit.term) && (/[a-z]/.test(lower[hit.start - 1] ?? '') || /[a-z]/.test(lower[hit.end] ?? ''))) continue;
    if (
      hit.value === 'urgent' &&
      hit.term === '急' &&
      /急(?:什么|啥)|不急|别急|不着急/.test(lower.slice(Math.max(0, hit.start - 2), hit.end + 2))
    )
      continue;
    if (hit.value === 'elderly' || hit.value === 'urgent') {
      signals.add(hit.value);
      continue;
    }
    const reading = readThreat(bodies, hit.term, hit.start, hit.end);
    if (reading === 'not_a_threat') continue;
    // A held-back mention (我不想去工信部) is still shown to the agent, but is no threat.
    signals.add(hit.value);
    if (reading === 'threat') threats.add(hit.value);
  }
  // Over this desk's head (省公司, 领导的领导, 往上告), or a threat that names no body (实名举报,
  // 走着瞧); government bodies are the regulator's.
  for (const kind of readActThreats(bodies)) {
    threats.add(kind);
    signals.add(kind === 'unnamed' ? 'threat' : kind);
  }
  if (matches(AGE, lower, may)) signals.add('elderly');
  const repeatContact = isRepeatContact(lower);
  if (repeatContact || matches(RECURRENCE, lower, may)) signals.add('repeat');
  if (threats.size > 0) cues.push(0.3);
  // Leaving is not an escalation (DOMAIN.md lists 携号转网 and 销户 as transactions), but a
  // threat to leave (再不修好我就携号转网, 逼我销户) is said in anger.
  if (matches(CHURN_THREAT, lower, may)) cues.push(0.3);
  if (signals.has('repeat')) cues.push(0.2);
  cues.push(...sarcasmCues(lower));
  const canWait = matches(NOT_PRESSING, lower, may);
  const pressing = matches(PRESSING, lower, may) && !canWait;
  const vulnerable = signals.has('elderly') || matches(MEDICAL, lower, may);
  // For the vulnerable, worry said with force counts when their safety hangs on it (the line that
  // calls for help, a hospital); 急得不行，电视看不了 is impatience about the television.
  const forLeisure = matches(LEISURE, lower, may) && !matches(SAFETY_AT_STAKE, lower, may);
  const vulnerablePressing =
    vulnerable &&
    !forLeisure &&
    (pressing ||
      (!canWait &&
        ((matches(UNREACHABLE, lower, may) && matches(WORRIED, lower, may)) ||
          (matches(STRONG_URGENCY, lower, may) && matches(SAFETY_AT_STAKE, lower, may)))));
  // Fear for a parent or a patient one cannot reach is heat even without an angry word.
  if (vulnerablePressing) cues.push(0.2);

  let calm = 1;
  for (const c of cues) calm *= 1 - c;
  const anger = Math.round((1 - calm) * 1000) / 1000;
  if (anger >= ANGER_HIGH) signals.add('anger');

  const prior = context.priorComplaints ?? 0;
  // A case escalates when the customer threatens to go outside (or already went), has come to
  // us before about it, or when being vulnerable, pressing and furious come together. Any one of
  // elderly, urgency or anger alone is a signal for the agent, not an escalation.
  const escalationRisk =
    threats.size > 0 ||
    repeatContact ||
    prior >= 1 ||
    vulnerablePressing ||
    (signals.has('elderly') && anger >= ANGER_HIGH) ||
    (pressing && anger >= ANGER_HIGH);

  const ordered = ESCALATION_SIGNALS;
  return { anger, level: angerLevel(anger), signals: ordered.filter((s) => signals.has(s)), escalationRisk };
}
