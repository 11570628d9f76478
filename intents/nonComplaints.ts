/**
 * Messages that mention the words of a complaint without being one: praise, thanks for a solved
 * case, how-to / account / pre-sales questions, and a complaint withdrawn in the same line
 * («本来想投诉的，刚才重启一下又好了»). The classifier reads words, so 「装宽带的师傅手脚麻利」
 * looks like after-sales to it; these patterns read the speech act instead.
 *
 * The guard is the grievance: sarcastic praise («态度真好啊，让我等了三天都没来») and complaints
 * phrased as questions («怎么又多扣了我二十块», «为什么信号这么差») carry a grievance cue, and a
 * grievance that is not followed by a resolution («现在好了») keeps the message a complaint.
 *
 * Input is text through normalizeText (simplified, half-width), so one pattern covers 點讚 / 点赞.
 */
import type { SmallTalk } from '../src/domain/understanding';
import { RegexGate } from './regexGate';

export type NonComplaintKind = Extract<SmallTalk, 'praise' | 'thanks' | 'question' | 'withdrawn'>;

export interface NonComplaintReading {
  /** Set when the message reads as one of the non-complaint speech acts and carries no open grievance. */
  kind?: NonComplaintKind;
  /** A grievance cue that no later resolution takes back: the message complains, whatever its form. */
  grievance: boolean;
}

/**
 * Phrases that look negative but say things are fine: 又好了 is not 又 + complaint, 没问题 is not 没.
 * Removed before looking for grievances.
 */
const NOT_A_GRIEVANCE =
  /又(?:好|恢复|正常|能用|能上网|满格|有了)|(?:都|也)?没(?:问题|毛病|事)|一点(?:都|也)?不卡|不卡|不错|不用|不投诉|不追究|不好意思|不麻烦|不客气|不算|不要机器人|没怎么用|差不多|出差|好多了|慢慢|不可以吗|是不是|能不能|可不可以|要不要|有没有/g;

/**
 * Grievance cues: what a customer says when something is wrong. Praise words negated
 * (不耐心, 没礼貌) are here too, so they never count as praise.
 */
const GRIEVANCE = new RegExp(
  [
    '差',
    '慢',
    '烂',
    '垃圾',
    '坑',
    '骗',
    '敷衍',
    '凶',
    '吼',
    '嚣张',
    '不好',
    '不耐烦',
    '爱理不理',
    '莫名其妙',
    '乱七八糟',
    '卡顿',
    '卡死',
    '卡住',
    '很卡',
    '太卡',
    '好卡',
    '一直卡',
    '(?<!判|不)断',
    '掉线',
    '没信号',
    '没有信号',
    '无信号',
    '信号(?:不好|不行|弱)',
    '没网',
    '没了',
    '没有了',
    '没反应',
    '更坏',
    '坏',
    '(?:改|办|用|上|连|打|登|交|退|开|查|装|修|接)不(?:了|上|通|成|进|到)',
    '不能用',
    '用不成',
    '失败',
    '不成功',
    '不生效',
    '没生效',
    '没人',
    '没来',
    '不来',
    '还没',
    '还是(?:不|没|很|坏|老样子)',
    '迟到',
    '才到',
    '才来',
    '白跑',
    '等了',
    '等到现在',
    '说好的',
    '多扣',
    '乱扣',
    '扣错',
    '扣了(?!多少)',
    '又扣',
    '扣我',
    '多收',
    '乱收',
    // a price raised, or raised without a word: «从600涨到了960 也没提前通知我»
    '涨(?:价|了|到)',
    '没(?:有)?(?:提前)?(?:通知|告诉|提醒)(?:我|过)',
    '收我',
    '退钱',
    '退给我',
    '不知道的业务',
    '没订',
    '不知情',
    '被停机',
    '停机了',
    '又(?:断|坏|没|不|多|掉|卡|要|来|扣|收|是)',
    '老是',
    '总是',
    '总断',
    '一直(?:没|不|断|掉)',
    '天天(?:断|掉|卡|扣|坏|都|打|收|催)',
    '根本',
    '服了',
    '受不了',
    '不可能',
    '突然(?:变|没|断|多|停)',
    '(?:这么|那么|太)(?:差|慢|烂|凶|多|贵|冲|敷衍)',
    '好(?:差|慢|烂|凶|贵|冲)',
    '(?:用|耗|扣|跑)得?(?:这么|那么|太)快',
    '为什么',
    '为啥',
    '凭什么',
    '点解',
    'wsm',
    '到底',
    '怎么回事',
    '怎么搞的',
    '搞什么',
    '有没有搞错',
    '有没有人管',
    '没人管',
    '管管',
    '谢什么谢',
    '差评',
    '投诉吧',
    '要投诉',
    '我投诉',
    '不(?:专业|耐心|热情|满意|靠谱|及时|准时|负责|礼貌|行)',
    '没(?:礼貌|耐心)',
    // 冇礼貌 (Cantonese 冇 = 没), 一点耐心都没有: praise words denied
    '冇(?:礼貌|耐心)',
    '(?:一点|半点|一丁点)(?:儿)?(?:耐心|礼貌|责任心)(?:都|也)(?:没有|没|冇)',
    '被停了',
    '挂(?:了|我)?(?:的)?电话',
    '电话(?:被)?挂',
    '把我电话挂',
    '😡',
    '😠',
    '🤬',
  ].join('|'),
  'giu',
);

/** Things are fine now, or the customer takes the complaint back. A resolution after the last grievance settles it. */
const RESOLUTION =
  /(?<![没不未])(?:好了|好啦|恢复|正常了|正常|能用了|可以用了|能上网了|有了|满格|解决|处理好|处理完|修好|弄好|搞定|退回|到账|返还|生效了|回电话了|联系我了)|没事|不用|不投诉|撤销投诉|撤回投诉|不追究|搞错|看错|不算|打扰了/g;

/** The customer takes the complaint back or finds it was nothing. */
const WITHDRAWN =
  /本来(?:想|要|打算)|原本(?:想|要)|本想|刚想|想投诉(?:的|来着)|不投诉|撤销投诉|撤回投诉|不追究|不用(?:处理|登记|麻烦|了)|没事了|没事$|搞错|看错|原来是|不算|自己(?:好|恢复)|重启.{0,4}?(?:就|又|一下)(?:好|正常)|打扰了/;

/*
 * PRAISE and THANKS read lower-cased text and so need no i flag, which with u made them ten
 * times slower. What /iu matched beyond plain lower case is kept: ſ (long s) is an s, and it
 * and the Kelvin sign are word characters at a word boundary.
 */
const NOT_WORD_BEFORE = String.raw`(?<![\w\u017f\u212a])`;
const NOT_WORD_AFTER = String.raw`(?![\w\u017f\u212a])`;

const PRAISE = new RegExp(
  `点赞|点个赞|赞|好评|表扬|夸|给力|麻利|麻溜|利索|专业|耐心|热情|周到|细心|负责|靠谱|满意|不错|挺好|很好|真好|太好了|超好|老好|好好听|一流|一级棒|棒|厉害|yyd[sſ]|${NOT_WORD_BEFORE}nb${NOT_WORD_AFTER}|tql|牛|👍|🌹|五星|性价比|划算|推荐给|准时|守时|礼貌|又快又好|效率(?:很|真|挺)?高|及时|挺稳|漂亮|好多了|越来越好|很快|服务.{0,2}好`,
  'u',
);

/**
 * A word of praise in quotation marks is said with a sneer («你们的工作人员真是“专业”»): no praise.
 * Only short quotes: a longer one is what someone said.
 */
const SCARE_QUOTED = /[“"「『‘'][^”"」』’']{1,4}[”"」』’']/g;
const QUOTE_MARK = /[“"「『‘']/;

function praised(text: string, may: number): boolean {
  if (!gated(PRAISE, text, may)) return false;
  return !QUOTE_MARK.test(text) || PRAISE.test(text.replace(SCARE_QUOTED, ' '));
}

const THANKS = new RegExp(`谢|感谢|辛苦|麻烦你们了|麻烦了|🙏|${NOT_WORD_BEFORE}(?:thx|thank[sſ]|x[sſ]|xx)${NOT_WORD_AFTER}`, 'u');

/**
 * How-to, account and pre-sales questions: a question word tied to something the customer wants to
 * do or know (怎么查, 能不能在网上办, 有没有千兆, 多少钱). A bare ？ or 吗 is no such sign: complaints
 * end in them as often («什么时候能修好？», «你们还管不管吗»).
 */
const QUESTION = new RegExp(
  [
    '(?:怎么|怎样|如何|咋|咋个|点样|哪里|哪儿|在哪|哪个|什么地方)(?:才|能|可以|去|来|要|进行|自己|在网上|网上|在app|用app|(?:把|给|将|帮)[^，,。！!？?]{1,8}?)?(?:样)?(?:查|看|办|弄|搞|设|开|关|取消|退订|订|用|改|换|交|缴|充|绑|解绑|申请|下载|登|注册|连|装|预约|转|迁|过户|补|激活|升级|操作|兑换|续|重置|重启|收费|算|选|领|签|参加|判断|知道|联系|找到)',
    '(?:能不能|可不可以|能否|是否|可以|能)(?:自己|在网上|网上|线上|在app|app上|用app|手机上|在手机上|微信|用微信|发短信|远程|周末|晚上|异地|到营业厅|在营业厅)',
    '(?:能不能|可不可以|能否|可以|能|要不要|需不需要)[^，,。！!？?]{0,6}?(?:办|开|开通|装|升级|换|改|共享|降|加|取消|退订|转|迁|过户|补|用|带|预约|上门|便宜|优惠|打折|推荐)[^，,。！!]{0,12}(?:[吗么嘛呢][?？]?$|[?？]$)',
    '(?:有没有|有冇|有无|有木有)(?:[^，,。！!]{0,10})(?:套餐|宽带|千兆|5g|优惠|活动|卡|业务|流量包|信号|覆盖|营业厅|网点|光纤|光猫|路由|手机|合约|折扣|福利|礼品|积分|赠送|专线|装机)',
    '(?:多少钱|什么价|啥价|价格|资费是多少|怎么收费|收费标准|费用是多少|要多少|多少费用|多久能|多长时间|什么时候(?:开始|生效|到期|能办|可以办)|几点)',
    '(?:需要|要)(?:带)?(?:什么|哪些|啥)(?:材料|证件|手续|资料|条件|东西)|什么(?:条件|材料|证件|手续)',
    '(?:请问|想了解|想知道|想问|想咨询|咨询一下|问一下|问下|了解一下|打听一下)',
    '(?:[^，,。！!]{1,10})(?:生效|到期|覆盖|通|开通|支持|有卖|能用)(?:了)?(?:吗|么|没有|了没|没)[?？]?$',
    '(?:推荐|介绍)(?:一下|个|几个)?',
    '(?<!凭)(?:是)?(?:什么|啥)意思',
    'zmb',
  ].join('|'),
  'iu',
);

/**
 * A question that is really a demand or a grievance: «能不能快点给我修好», «什么时候退钱».
 * These keep the message a complaint even when a question shape matched.
 */
const DEMAND =
  /(?:能不能|可不可以|能否|可以|能|什么时候|啥时候|何时|到底|究竟)(?:快点|尽快|赶紧|马上|立刻|早点|给我|帮我(?!查|看|推荐|办)|把|退|修|处理|解决|赔|补偿|别|不要|不再|管|负责|恢复|回电|上门修|给个说法)/iu;

/**
 * Words before a resolution that make it a wish, not a fact: «要求尽快修好», «什么时候能恢复»,
 * «一直没修好». Only a resolution that happened settles a grievance.
 */
const NOT_YET =
  /(?:要求|希望|尽快|赶紧|快点|早日|争取|保证|必须|应该|麻烦|请|帮我|给我|能不能|能否|可不可以|什么时候|啥时候|何时|多久|才能|才|还没|还是没|没有|没|不|未|等|等着|要|想|能|会|怎么|如何|让|给)\s*(?:能|会|可以|给|帮|把.{0,6})?$/;

/** Said of a resolution, these make it a fact that happened: «已经修好», «恢复了», «现在正常». */
const DONE_BEFORE = /(?:已经|已|现在|目前|终于|后来|刚才|刚刚|今天|又|都)\s*(?:能|可以|给我)?$/;
const DONE_AFTER = /^(?:了|啦|喽|咯|过来了|回来了|回来啦|好了)/;
/**
 * …and these make it a question or an appearance: «退回来没有», «明明满格», and what someone said
 * was done («每回都说改好了», «显示已经办好了»), which is no sign that it was.
 */
const SEEMING_BEFORE =
  /(?:明明|显示|虽然|说是|号称|以为|本以为|说好|答应|承诺|说|看着|表面)\s*(?:已经|都|给我|帮我)?(?:改|办|弄|调|搞|处理|设置)?\s*$/;
const ASKED_AFTER = /^(?:了)?(?:没有|没|吗|么|了吗|了没|不)/;

/** End of the last resolution in the text that states something happened, or -1. */
function lastResolution(text: string): number {
  let last = -1;
  RESOLUTION.lastIndex = 0;
  for (let m = RESOLUTION.exec(text); m; m = RESOLUTION.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    const after = text.slice(end, end + 4);
    const happened =
      /[了啦]$/.test(m[0]) ||
      DONE_BEFORE.test(before) ||
      DONE_AFTER.test(after) ||
      !/^(?:恢复|正常|有了|满格|解决|处理好|处理完|修好|弄好|搞定|退回|到账|返还)$/.test(m[0]);
    if (happened && !NOT_YET.test(before) && !SEEMING_BEFORE.test(before) && !ASKED_AFTER.test(after)) last = end;
    if (m[0].length === 0) RESOLUTION.lastIndex++;
  }
  return last;
}

function lastIndex(re: RegExp, text: string): number {
  let last = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return last;
}

/** Most messages can begin only a few of these anywhere. */
const GATE = new RegexGate([NOT_A_GRIEVANCE, GRIEVANCE, RESOLUTION, WITHDRAWN, PRAISE, THANKS, QUESTION, DEMAND]);

function gated(re: RegExp, text: string, may: number): boolean {
  return GATE.may(may, re) && re.test(text);
}

/** Reads praise, thanks, a question or a withdrawn complaint from a normalised message. */
export function readNonComplaint(readable: string): NonComplaintReading {
  const text = readable.toLowerCase();
  const may = GATE.scan(text);
  const masked = GATE.may(may, NOT_A_GRIEVANCE) ? text.replace(NOT_A_GRIEVANCE, (m) => ' '.repeat(m.length)) : text;
  const grievanceEnd = GATE.may(masked === text ? may : GATE.scan(masked), GRIEVANCE) ? lastIndex(GRIEVANCE, masked) : -1;
  if (grievanceEnd >= 0) {
    // «刚才网断了，现在好了»: the grievance is over. «以为修好了，结果又断了»: it is not.
    const resolvedAt = GATE.may(may, RESOLUTION) ? lastResolution(text) : -1;
    if (resolvedAt <= grievanceEnd) return { grievance: true };
    return { kind: gated(WITHDRAWN, text, may) || !gated(THANKS, text, may) ? 'withdrawn' : 'thanks', grievance: false };
  }
  if (gated(WITHDRAWN, text, may)) return { kind: 'withdrawn', grievance: false };
  if (praised(text, may)) return { kind: 'praise', grievance: false };
  if (gated(THANKS, text, may)) return { kind: 'thanks', grievance: false };
  // «现在又能用了» with no thanks: it sorted itself out, nothing to file.
  if ((GATE.may(may, RESOLUTION) ? lastResolution(text) : -1) >= 0) return { kind: 'withdrawn', grievance: false };
  if (gated(QUESTION, text, may) && !gated(DEMAND, text, may)) return { kind: 'question', grievance: false };
  return { grievance: false };
}
