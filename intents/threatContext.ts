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

export type ThreatReading = 'threat' | 'held_back' | 'not_a_threat';

/** Clause boundaries: punctuation, and the turns that start a new thought (…，但是…). */
const CLAUSE_BREAK = /[，。！？；,.!?;：:\n、~～]|但是|但|可是|不过|只是|只希望|只想|就想|就是想|就是/g;

export function clauseAround(text: string, start: number, end: number): { before: string; after: string; clause: string } {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    const i = m.index ?? 0;
    if (i + m[0].length <= start) from = i + m[0].length;
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
  /^(?:事务所|证|行业|专线|旁边|门口|附近|对面|楼下|的电话|的短信|工作|上班|实习|是什么|是啥|是哪|是干|是不是真|的反诈|反诈)/;
const IDENTITY_BEFORE = /是(?:个|一名|一位|做)?$/;
const WORKS_THERE = /(?:上班|工作|实习|门口|旁边|附近|对面|楼下)/;

/** Social platforms count only when the customer means to post there: 发抖音, 在小红书上发帖子. */
const PLATFORMS = new Set(['抖音', '微博', '快手', '小红书', '头条', '朋友圈', '公众号', '视频号', 'b站', '知乎', '贴吧', '新闻']);
const POST_VERB = /(?:发(?!现|送|货|短信|的|了条)|晒|挂|传)/;
/** What is posted is about us (想发个朋友圈都发不出去 is only a slow network). */
const EXPOSURE =
  /(?:曝光|爆料|帖|让大家|让所有人|让更多人|让全网|评评理|上新闻|找新闻|新闻媒体|新闻热线|你们|录音|截图|聊天记录|视频|嘴脸|吐槽)/;

/** Police and courts are a threat when the customer would report or sue, not when they issue papers. */
const POLICE_OR_COURT = new Set(['派出所', '公安局', '法院']);
const POLICE = /^(?:报警|报案|派出所|公安局)$/;
const REPORT_OR_SUE = /(?:报警|报案|立案|告|起诉|法院见|上法院|去法院|到法院|找法院|法庭)/;

/** 等着接…, 等着收…: what the customer will set off, told to us as a warning. */
const AWAITING_BEFORE = /(?:你们|你)?等着(?:接|收|吃)?$/;

/** What someone else said or advised the customer (邻居说可以打12300): not this customer's threat. */
const SOMEONE_ELSE_SAID = /(?:邻居|朋友|同事|亲戚|家里人|家人|同学|老公|老婆|儿子|女儿)(?:都|也|就)?(?:说|讲|告诉我|提醒我)/;

/** Counterfactuals (差点就投诉到…, 要是以前早就打…): the threat is one the customer did not carry out. */
const COUNTERFACTUAL = /^(?:差点|要是以前|要是换了别人|换做以前|换成以前|放在以前|搁以前|要不是|本来想|原本想|本想)/;

/** Reads one mention of a strong escalation term at [start, end) in the lowered readable text. */
export function readThreat(text: string, term: string, start: number, end: number): ThreatReading {
  const { before, after, clause } = clauseAround(text, start, end);
  // 你们等着接工信部的电话吧: a consequence the customer promises, whatever the words after it.
  if (AWAITING_BEFORE.test(before)) return 'threat';
  if (SOURCE_AFTER.test(after) || SOURCE_BEFORE.test(before)) return 'not_a_threat';
  if (IDENTITY_AFTER.test(after) || (IDENTITY_BEFORE.test(before) && !/(?:告|找|去|打|投诉|联系|请)/.test(before))) return 'not_a_threat';
  if (/在/.test(before) && WORKS_THERE.test(after.slice(0, 4))) return 'not_a_threat';
  if (PLATFORMS.has(term) && !(POST_VERB.test(clause) && EXPOSURE.test(clause)) && !/曝光|爆料/.test(clause)) return 'not_a_threat';
  if (POLICE_OR_COURT.has(term) && !REPORT_OR_SUE.test(clause)) return 'not_a_threat';
  if (/维权意识/.test(text.slice(start, end + 2))) return 'not_a_threat';
  // 拍照曝光不足 is a camera fault; 315室 / 315国道 an address.
  if (term === '曝光' && (/^(?:不足|过度|补偿|度|时间|值)/.test(after) || /(?:拍照|相机|摄像头|照片|镜头)/.test(clause)))
    return 'not_a_threat';
  if (/^\d+$/.test(term) && /^[室号路房栋楼米元块线国省]/.test(after)) return 'not_a_threat';
  // Calling the police about a scam or a stolen phone is not a threat against us.
  if (POLICE.test(term) && /(?:诈骗电话|骚扰电话|诈骗短信|被偷|被盗|丢了|小偷|被骗)/.test(text) && !/你们/.test(before))
    return 'not_a_threat';
  const held = HELD_BACK_BEFORE.exec(before);
  // 不会处理我就去… : the negation belongs to the condition, the threat still stands.
  if (held && (COUNTERFACTUAL.test(held[0]) || !/(?:就|只能|只好|然后)/.test(before.slice(held.index + held[0].length))))
    return 'held_back';
  if (SOMEONE_ELSE_SAID.test(before)) return 'not_a_threat';
  // Someone else did it (看到有人在微博上曝光你们): news, not this customer's threat.
  if (/(?:看到|刷到|有人|别人|人家|网友|新闻|报道|据说)/.test(before)) return 'not_a_threat';
  // 你们被工信部通报了: what the regulator did to us, not what this customer will do.
  if (/被$/.test(before)) return 'not_a_threat';
  return 'threat';
}
