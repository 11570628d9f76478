/**
 * Whether a mention of the regulator, 12315, the media or the law is a threat to go there.
 *
 * The words alone are a poor guide: customers cite rules (按工信部的规定), name where they read
 * something (新闻里说, 315晚会看到的), their job (我在报社上班), the app that is slow (刷抖音卡) or the
 * police station that wants a certificate (派出所让我开证明). They also say what they will *not* do
 * (我不想去工信部投诉, 不至于找记者) or what others advised (朋友劝我去工信部). Only a threat, or a
 * report that the customer already went there, should make a case an escalation risk; a held-back
 * mention is still worth showing to the agent.
 */
import { RegexGate } from './regexGate';
import { matchSpans } from './regexMatches';

export type ThreatReading = 'threat' | 'held_back' | 'not_a_threat';

/** Clause boundaries: punctuation, and the turns that start a new thought (…，但是…). */
const CLAUSE_BREAK = /[，。！？；,.!?;：:\n、~～]|但是|但|可是|不过|只是|只希望|只想|就想|就是想|就是/g;

export function clauseAround(text: string, start: number, end: number): { before: string; after: string; clause: string } {
  let from = 0;
  let to = text.length;
  for (const [i, breakEnd] of matchSpans(CLAUSE_BREAK, text)) {
    if (breakEnd <= start) from = breakEnd;
    else if (i >= end) {
      to = i;
      break;
    }
  }
  return { before: text.slice(from, start), after: text.slice(end, to), clause: text.slice(from, to) };
}

/** The customer will not go there (不想/不至于/没必要…), only once thought of it, or repeats advice (朋友劝我去…). */
const HELD_BACK_BEFORE =
  /(?:不想|不会|不至于|没必要|不必|不用|不打算|没打算|不准备|没想|不是要|不是想|并不想|也不想|犯不着|用不着|没有要|不需要|无意|不愿|倒也不用|暂时不|先不|本来想|原本想|本想|差点|要是以前|要是换了别人|换做以前|换成以前|放在以前|搁以前|要不是|劝我|建议我|叫我|让我别|都说|人说|听说|还没想到|还不到)/;

/** A source of information or a rule, not a destination: 新闻里说, 315晚会看到的, 按工信部规定. */
const SOURCE_AFTER =
  /^(?:的)?(?:网站|官网|app|公众号)?(?:上|里|中|那边)?(?:看到|查到|查的|公布|公示|看的|刷到|说|报道|发的|发了(?:通知|文件|公告|短信|提醒)|(?:有没有|是否有|有什么|有|是怎么|怎么|是不是|明确)?(?:规定|要求|政策|文件|标准)|晚会|节目|转发|有人|推送|提醒|的规定|的要求|的政策|发布)/;
const SOURCE_BEFORE = /(?:按|按照|根据|依照|依据|看了|看过|看到|刷到|在.{0,3}上看到)$/;

/** A job, a place, an ID or a business line: 我在电视台工作, 法院旁边, 记者证, 律师事务所. */
const IDENTITY_AFTER =
  /^(?:事务所|证|行业|专线|旁边|门口|附近|对面|楼下|的电话|的短信|工作|上班|实习|是什么|是啥|是哪|是干|是不是真|的反诈|反诈|(?:开)?的证明|出具|盖章|的公章)/;
const IDENTITY_BEFORE = /(?:是|当|做)(?:个|一名|一位|做|了)?$/;
const WORKS_THERE = /(?:上班|工作|实习|当|做|门口|旁边|附近|对面|楼下)/;

/** Social platforms count only when the customer means to post there: 发抖音, 在小红书上发帖子. */
const PLATFORMS = new Set([
  '抖音',
  '微博',
  '快手',
  '小红书',
  '头条',
  '朋友圈',
  '公众号',
  '视频号',
  'b站',
  '知乎',
  '贴吧',
  '新闻',
  '网上',
  '网络上',
]);
const POST_VERB = /(?:发(?!现|送|货|短信|的|了条|不)|晒|挂|传(?!不))/;
/**
 * Posting that is no exposure: asking for help (发帖问, 发帖求助) or failing to post at all
 * (视频发不到网上, 传不上去), which is a network complaint.
 */
const POST_NOT_EXPOSURE = /(?:发|传)(?:个|了|过)?(?:帖|帖子)?(?:问|求助|咨询|请教)|(?:发|传)不(?:了|出|上|到|动)/;
/** 网上 is where people read and buy too: posting there counts only with a clear aim at us. */
const ONLINE = new Set(['网上', '网络上']);
const ONLINE_EXPOSURE = /(?:曝|帖|让大家|让所有人|让更多人|让全网|让网友|评评理|你们|嘴脸|出名|写出来|公开(?!课)|揭露)/;
/** What is posted is about us (想发个朋友圈都发不出去 is only a slow network). */
const EXPOSURE =
  /(?:曝光|爆料|帖|让大家|让所有人|让更多人|让全网|评评理|上新闻|找新闻|新闻媒体|新闻热线|你们|录音|截图|聊天记录|视频|嘴脸|吐槽|这事|这件事|这个事|此事)/;

/** Press words that are as often things (报纸订阅, 日报上的广告) count only with an act aimed at the press. */
const PRESS_BY_NAME = new Set(['报纸', '晚报', '日报', '栏目组', '民生栏目', '新闻热线']);
const PRESS_ACT = /(?:找|去|到|让|叫|联系|打|投稿|登|曝|报道|写|反映|投诉|举报|评理|爆料)/;
/** 上新闻 said of us, not the 新闻台 on the television (电视上新闻台都没信号). */
const ONTO_THE_NEWS = new Set(['上新闻', '上电视', '上报纸']);

/** A question that asks where or how (省公司的电话是多少, 能去省公司投诉吗), not a rhetorical one. */
const PLAIN_QUESTION = /(?:吗|么|多少|哪里|哪儿|在哪|怎么走|是什么)\s*[?？]?$/;
const RHETORICAL_THREAT = /(?:非要|非得|难道|难不成|是不是要|是不是得|逼我)/;

const LAW_TERMS = new Set(['律师', '起诉', '打官司', '诉讼', '法院', '法庭', '律师函', '仲裁']);
const SOMEONE_ELSES_CASE = /离婚|前夫|前妻|房东|对方|老板|欠薪|欠款|欠我钱|借款|劳动仲裁|工伤|车祸|交通事故|网贷|遗产|抚养/;

/** Police and courts are a threat when the customer would report or sue, not when they issue papers. */
const POLICE_OR_COURT = new Set(['派出所', '公安局', '法院']);
const POLICE = /^(?:报警|报案|派出所|公安局)$/;
const REPORT_OR_SUE = /(?:报警|报案|立案|告|起诉|法院见|上法院|去法院|到法院|找法院|法庭)/;

/** 等着接…, 等着收…: what the customer will set off, told to us as a warning. */
const AWAITING_BEFORE = /(?:你们|你)?等着(?:接|收|吃)?$/;

/** What someone else said or advised the customer (邻居说可以打12300): not this customer's threat. */
const SOMEONE_ELSE_SAID = /(?:邻居|朋友|同事|亲戚|家里人|家人|同学|老公|老婆|儿子|女儿)(?:都|也|就)?(?:说|讲|告诉我|提醒我)/;

/** Someone else placed at the outlet (朋友在网上发帖说…, 同事在报社): they act there, not this customer. */
const SOMEONE_ELSE_THERE = /(?:朋友|邻居|同事|亲戚|同学|网友|别人|有人)(?:都|也)?在$/;

/** Counterfactuals (差点就投诉到…, 要是以前早就打…): the threat is one the customer did not carry out. */
const COUNTERFACTUAL = /^(?:差点|要是以前|要是换了别人|换做以前|换成以前|放在以前|搁以前|要不是|本来想|原本想|本想)/;

/** The clause before the body holds the threat back (不想去…, 差点就…). */
function holdsBack(before: string): boolean {
  const held = HELD_BACK_BEFORE.exec(before);
  // 不会处理我就去… : the negation belongs to the condition, the threat still stands.
  return !!held && (COUNTERFACTUAL.test(held[0]) || !/(?:就|只能|只好|然后)/.test(before.slice(held.index + held[0].length)));
}

/** Someone else's advice or act (朋友劝…, 看到有人在微博上曝光你们): news, not this customer's threat. */
function someoneElses(before: string): boolean {
  return (
    SOMEONE_ELSE_SAID.test(before) ||
    SOMEONE_ELSE_THERE.test(before) ||
    /(?:看到|刷到|有人|别人|人家|网友|新闻|报道|据说|网上(?:都)?说)/.test(before)
  );
}

/** Reads one mention of a strong escalation term at [start, end) in the lowered readable text. */
export function readThreat(text: string, term: string, start: number, end: number): ThreatReading {
  const { before, after, clause } = clauseAround(text, start, end);
  // 你们等着接工信部的电话吧: a consequence the customer promises, whatever the words after it.
  if (AWAITING_BEFORE.test(before)) return 'threat';
  if (SOURCE_AFTER.test(after) || SOURCE_BEFORE.test(before)) return 'not_a_threat';
  if (IDENTITY_AFTER.test(after) || (IDENTITY_BEFORE.test(before) && !/(?:告|找|去|打|投诉|联系|请)/.test(before))) return 'not_a_threat';
  if (/在/.test(before) && WORKS_THERE.test(after.slice(0, 4))) return 'not_a_threat';
  if (
    PLATFORMS.has(term) &&
    !((POST_VERB.test(clause) || /揭露|揭发|公开(?!课)/.test(clause)) && (ONLINE.has(term) ? ONLINE_EXPOSURE : EXPOSURE).test(clause)) &&
    !/曝光|爆料/.test(clause)
  )
    return 'not_a_threat';
  if (/(?:帖|网上|网络上|抖音|微博|快手|小红书|朋友圈)/.test(term + clause) && POST_NOT_EXPOSURE.test(clause) && !/曝光|爆料/.test(clause))
    return 'not_a_threat';
  // 报道 is what the press does (让他报道一下你们); 去学校报道 is the common slip for 报到.
  if (term === '报道' && (!/(?:你们|这事|这件事|一下|出来|曝)/.test(clause) || /(?:学校|入学|新生|入职|报道说|的报道)/.test(clause)))
    return 'not_a_threat';
  if (POLICE_OR_COURT.has(term) && !REPORT_OR_SUE.test(clause)) return 'not_a_threat';
  // A case against someone else (起诉离婚, 跟前房东打官司) or the customer's own lawyer asking for records.
  if (LAW_TERMS.has(term) && !/你们/.test(clause) && (SOMEONE_ELSES_CASE.test(text) || /^(?:让|叫|要)我/.test(after)))
    return 'not_a_threat';
  // 记者问我…, 律师函的短信: the press or the law came to the customer, who reports it.
  if (
    /^(?:问我|采访我|采访了我|找我|打电话给我|联系我)/.test(after) ||
    /收到(?:一条|一封|了|过)?$/.test(before) ||
    /^(?:说|称|自称)/.test(before)
  )
    return 'not_a_threat';
  // Asking about a body (12315是消协的电话吗, 我能打12300投诉吗) is how to complain, not a threat.
  if (PLAIN_QUESTION.test(clause) && !RHETORICAL_THREAT.test(clause) && !/(?:才|信不信|要不要我)/.test(clause)) return 'not_a_threat';
  if (PRESS_BY_NAME.has(term) && !PRESS_ACT.test(clause)) return 'not_a_threat';
  if (ONTO_THE_NEWS.has(term) && (/^(?:台|频道|联播|节目)/.test(after) || /(?:电视|手机|网|机|的)$/.test(before))) return 'not_a_threat';
  // 黑猫 is the complaint platform only where one complains or posts there (黑猫警长 is a cartoon).
  if (term === '黑猫' && !/^(?:上|平台|那边)?(?:投诉|曝光|发)/.test(after) && !/(?:投诉|曝光|发帖)/.test(after)) return 'not_a_threat';
  if (/维权意识/.test(text.slice(start, end + 2))) return 'not_a_threat';
  // 拍照曝光不足 is a camera fault; 315室 / 315国道 an address.
  if (term === '曝光' && (/^(?:不足|过度|补偿|度|时间|值)/.test(after) || /(?:拍照|相机|摄像头|照片|镜头)/.test(clause)))
    return 'not_a_threat';
  if (/^\d+$/.test(term) && /^[室号路房栋楼米元块线国省]/.test(after)) return 'not_a_threat';
  // Calling the police about a scam or a stolen phone is not a threat against us.
  if (POLICE.test(term) && /(?:诈骗电话|骚扰电话|诈骗短信|被偷|被盗|丢了|小偷|被骗)/.test(text) && !/你们/.test(before))
    return 'not_a_threat';
  if (holdsBack(before)) return 'held_back';
  if (someoneElses(before)) return 'not_a_threat';
  // 你们被工信部通报了: what the regulator did to us, not what this customer will do.
  if (/被$/.test(before)) return 'not_a_threat';
  return 'threat';
}

/**
 * Going over this desk's head, or to a body whose name alone says little: 找你们省公司, 反映到你们
 * 老总那里, 去区政府反映, 往上投诉, 一级一级往上告, 告到底. 集团客户, 上面通知说, 总部的APP and
 * 省公司的电话是多少 name the same words with no act of going there, so these count only with one:
 * a going or reporting verb leading to the body (找/去/到/告到/反映到…, or 向/给 with a report in
 * the clause), or the body set up as judge (看看你们总部管不管). Who speaks and whether the act is
 * held back is read as for the other bodies.
 */
export type ActThreat = 'regulator' | 'higher_up' | 'unnamed';

const HIGHER_UP =
  /上级(?:单位|部门|领导|公司)?|更高层(?:的)?(?:领导)?|领导的领导|(?:最大的|更大的|更高的|大)领导|一把手|(?:省|市|总|分)公司|(?:集团)?总部|集团|老总|总经理|董事长/g;
/** Government bodies with no hotline name of their own: 区政府, 纪委, 人大代表. */
const GOVERNMENT = /[省市区县镇]?政府|纪委|人大代表/g;
/** 上面 and 上头 are also places (手机上面, 去上面那个营业厅): only a report up there or a judge up there. */
const UP_THERE = /上面|上头/g;
/** 省里, 市里, 北京: only as where a complaint is taken (告到省里, 投诉到北京); 去市里办事 is an errand. */
const CAPITALS = /省里|市里|北京|中央/g;
const TAKEN_TO = /(?:闹到|告到|投诉到|反映到|举报到|捅到|上访到|写信到)$/;

const GO_TO =
  /(?:找|去|(?<![收接看得拿等做想遇碰提达迟听找])到|(?<![马晚早路网])上|闹到|告到|投诉到|反映到|举报到|捅到|写信给|写信到|打到|递到)(?:你们|他们)?(?:的)?$/;
const REPORT_UP_TO = /(?:闹到|告到|投诉到|反映到|举报到|捅到|找|写信给|写信到|递到)(?:你们|他们)?(?:的)?$/;
const ADDRESSED_TO = /(?:向|给|跟|让|叫)(?:你们|他们)?(?:的)?$/;
const REPORT_ACT = /(?:反映|投诉|举报|告|写信|写投诉信|留言|评理|说理|讨(?:个)?说法|上访|来跟我说|来处理|出面|(?:出|过)?来$)/;
const AS_JUDGE_BEFORE = /(?:看看?|倒要看看?|让)(?:你们|他们)?(?:的)?$/;
const AS_JUDGE_AFTER = /^(?:的人)?(?:管不管|会不会管|管得了|管不了|怎么说|怎么处理|怎么看|能不能管)/;

const UPWARD =
  /[往向]上(?:面)?(?:反映|投诉|告(?!诉)|找|捅|闹|报)|(?<![马晚早路])上告(?!诉)|(?:一直|继续)告(?!诉)(?:下去)?|告下去|向上级反映|(?:投诉|告|闹|反映)到[^，。！？,!?]{0,8}为止|越级(?:投诉|反映|上访|上报)?|一级一级(?:地)?(?:往上)?(?:告|投诉|反映|找)|层层(?:往上)?(?:投诉|反映|告)|(?:告|追究|投诉|维权|闹|耗|奉陪)到底|一告到底|告到(?:你们)?(?:改|赔|退)/g;

/**
 * A threat that names no body but announces action against us: 实名举报你们, 我就去举报, 去营业厅拉横幅, 后果自负,
 * 走着瞧, 跟你们没完, 不会善罢甘休, 我就不客气了. 举报 a scam number or a member of staff is no
 * threat against the operator; 没完没了 is only "endless".
 */
const UNNAMED_THREAT =
  /实名举报|(?:去|要|会|就)举报(?!.{0,3}(?:诈骗|骚扰|电话|短信|号码|营业员|工作人员|客服|师傅|员工))|举报(?:你们|贵公司|你们公司)(?!营业员|工作人员|客服|师傅|员工)|拉横幅|拉条幅|举牌|静坐|堵(?:你们)?(?:的)?门|后果自负|走着瞧(?!这)|等着瞧(?!这)|给我等着|(?:你们|你)等着吧|别怪我不客气|(?:我|那我)(?:就|可就|也就)?不客气了|付出代价|会后悔的|(?:不会|绝不|决不|绝对不会)(?:就这么|就此)?(?:善罢甘休|罢休|算了)|(?:跟你们|和你们|这事|这件事|这个事)(?:我)?(?:跟你们|和你们)?没完(?!没了)/g;
/** Asking that the complaint go higher (升级投诉, 投诉升级); 宽带升级 and 系统升级处理 are upgrades. */
const RAISE_COMPLAINT = /(?<!系统|版本|网络|宽带|套餐|软件)升级(?:投诉|处理)|投诉升级|(?:把|将)(?:我的|这个)?(?:投诉|工单)升级/g;

/** 去省公司那边的营业厅办业务, 去政府大厅办事: an errand there, not a complaint taken there. */
const ERRAND_AFTER =
  /^(?:那边|那儿|那里|大厅|办事大厅|服务中心|政务中心)?(?:的)?(?:营业厅|网点|窗口)?(?:办|办理|缴费|交费|充值|领|取|买|拿)/;

/** Held back, someone else's, or a plain question about where to go. */
function actHeldBack(text: string, start: number, end: number): boolean {
  const { before, clause } = clauseAround(text, start, end);
  if (holdsBack(before) || someoneElses(before)) return true;
  // 客服说再不交费后果自负: the customer quotes what staff said to them.
  if (/(?:客服|营业员|工作人员|师傅|经理|对方|他们|他|她)(?:还|都|就|竟然|居然)?(?:说|讲|威胁)/.test(before)) return true;
  return PLAIN_QUESTION.test(clause) && !RHETORICAL_THREAT.test(clause);
}

const BODIES: Array<[RegExp, ActThreat, RegExp]> = [
  [HIGHER_UP, 'higher_up', GO_TO],
  [GOVERNMENT, 'regulator', GO_TO],
  [UP_THERE, 'higher_up', REPORT_UP_TO],
  [CAPITALS, 'regulator', TAKEN_TO],
];
const ACTS: ReadonlyArray<readonly [RegExp, ActThreat]> = [
  [UPWARD, 'higher_up'],
  [RAISE_COMPLAINT, 'higher_up'],
  [UNNAMED_THREAT, 'unnamed'],
];
/** Nearly every message holds the first character of none of the scans. */
const ACT_GATE = new RegexGate([...BODIES.map(([pattern]) => pattern), ...ACTS.map(([pattern]) => pattern)]);

/** Threats to go over this desk's head or to an unnamed government body (see above). */
export function readActThreats(text: string): Set<ActThreat> {
  const found = new Set<ActThreat>();
  const may = ACT_GATE.scan(text);
  if (may === 0) return found;
  for (const [pattern, kind, goTo] of BODIES) {
    if (!ACT_GATE.may(may, pattern)) continue;
    for (const [start, end] of matchSpans(pattern, text)) {
      const { before, after, clause } = clauseAround(text, start, end);
      const act =
        goTo.test(before) ||
        (ADDRESSED_TO.test(before) && REPORT_ACT.test(after)) ||
        (AS_JUDGE_BEFORE.test(before) && AS_JUDGE_AFTER.test(after));
      if (!act || !clause) continue;
      if (ERRAND_AFTER.test(after) && !REPORT_ACT.test(after)) continue;
      if (actHeldBack(text, start, end)) continue;
      found.add(kind);
    }
  }
  for (const [pattern, kind] of ACTS) {
    if (!ACT_GATE.may(may, pattern)) continue;
    for (const [start, end] of matchSpans(pattern, text)) if (!actHeldBack(text, start, end)) found.add(kind);
  }
  return found;
}
