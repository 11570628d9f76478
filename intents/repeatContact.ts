/**
 * Has the customer already come to us about this: 第三次投诉, 打了好几次客服, 报修报了四次, 上周投诉的.
 *
 * A fault that keeps coming back (又断网了, 这个月断了三次) is annoying but is not a repeat
 * complaint; repeated contact is what DOMAIN.md counts as an escalation signal.
 */
import { RegexGate } from './regexGate';

/** How many times: 三次, 好几遍, 七八回, 不下十次, N次. One time is not a repeat. */
const COUNT = String.raw`(?:第)?(?:[2-9]|\d{2,}|[二两三四五六七八九十几多]+|好几|好多|无数|多少|不下\s*(?:\d+|[十几二三四五]+)|n)\s*(?:次|遍|回|趟)`;

/** The ways of contacting us. 说了两遍/问了三遍 is often within this one chat, so only 说过/问过. */
const CONTACT_VERB = String.raw`(?:投诉|反映|反馈|打电话|打|拨|致电|来电|联系|找|报修|报障|报|催|提交|提|说过|跑|问过|留言|申诉|申请|上报|来)`;
/** What may stand between the verb and the count: 打了你们客服电话七八次. */
const CONTACT_FILLER = String.raw`[了过你们客服人工电话热线营业厅工单修障都已经有\d\s]{0,8}`;
const COUNT_THEN_CONTACT = String.raw`(?:投诉|反映|反馈|打电话|打客服|打来|打过来|打进来|来反映|来投诉|来找|来问|来催|联系|找你们|找客服|报修|报障|催|提交|致电|来电|跟你们说|说)`;

/** What the customer did the first time, or what we promised then. */
const EARLIER_CONTACT = String.raw`(?:投诉|反映|反馈|报修|报障|报的|报了|提的|提交|提了|说的|说给|说会|说要|说过|答应|承诺|打电话|打过|打的|找|问过|申请|申诉|催|登记|留言|工单)`;
/** What we promised to come back with. */
const PROMISED_REPLY = String.raw`(?:答复|回复|回电|回电话|回访|联系我|给我结果|处理结果|给(?:个)?说法|给我打电话)`;
/** Nothing came of it. */
const NO_FOLLOW_UP = String.raw`(?:没(?:有)?下文|没(?:有)?音讯|杳无音信|没(?:有)?回音|没(?:有)?(?:任何)?消息|没(?:有)?(?:人|一个人)(?:联系|回|理|管|跟进|处理|来)|不了了之|石沉大海|没动静|没(?:有)?(?:任何)?(?:回复|答复|结果|进展)|没人给我回)`;

const REPEAT_PATTERNS: RegExp[] = [
  new RegExp(`${CONTACT_VERB}${CONTACT_FILLER}${COUNT}`),
  new RegExp(`${COUNT}(?:的)?${COUNT_THEN_CONTACT}`),
  /(?:已经|这都|都|这是)第\s*(?:[2-9]|\d{2,}|[二两三四五六七八九十几n])\s*次了/,
  /多次(?:投诉|反映|反馈|联系|致电|来电|打电话|报修)|投诉过|反映过|反馈过|报修过|申诉过|重复投诉|再次投诉|再次反映|说过好多次|说了多少|说过多少|不止一次|不是第一次|三番五次|几次三番|反反复复|反复(?:反映|投诉|说|催|打)|跑了好几趟|找过你们|找过客服|找过领导|找过经理|找了(?:[三四五六七八九十几]|好几)个部门|一(?:次|回|遍|趟)又一(?:次|回|遍|趟)|石沉大海/,
  /(?:上周|上礼拜|上星期|上个星期|上个礼拜|上个月|上次|上回|之前|以前|前几天|前两天|前些天|几天前|(?:\d+|[一二两三四五六七八九十几半]+)\s*(?:个)?(?:天|周|星期|礼拜|月)(?:以)?前|前天|昨天|去年|月初|早就|早已|已经)(?:就|都|也)?(?:已经)?(?:投诉|反映|报修|报障|申诉|提交(?!的?(?:实名|资料|材料|订单|认证|照片|身份证|申请表))|反馈|打过|打了电话|联系过)/,
  /(?:之前|上次|上回|上周|上礼拜|上星期|上个月|前几天|昨天|前天|当时)(?:的)?(?:客服|工作人员|营业员|师傅)(?:明明|就|都|也)?(?:说好|说|答应|承诺|保证)/,
  // 电话都打爆了: called so often the line gave out.
  /(?:电话|热线|客服)(?:都|也)?(?:快)?(?:被我)?打(?:爆|烂)|打(?:爆|烂)(?:了)?(?:你们)?(?:的)?(?:电话|热线|客服)/,
  /打了(?:一|两|几|好几|\d+)?个?(?:礼拜|星期|月|天|周)(?:的)?电话/,
  // A reply we promised by a deadline that has passed (答应48小时内答复，现在第五天了): the promise
  // answered an earlier complaint. A missed visit (说好的今天上门) is a grievance, not a second contact.
  new RegExp(
    String.raw`(?:答应|承诺|说好|保证|说)(?:了|过)?[^，。！？,!?]{0,10}?${PROMISED_REPLY}[^。！？!?]{0,16}(?:现在|今天|已经|都|到今天|结果)[^。！？!?]{0,6}(?:第?\s*(?:\d+|[一二两三四五六七八九十几]+)\s*(?:天|周|个?星期|个?礼拜|个?月)|早?过了|没(?:有)?(?:消息|回音|动静|人|下文))`,
  ),
  // The second visit or call counted out (这是我这周第三次来营业厅, 第二次因为这个问题打电话); 第二次办宽带
  // or 第二次补卡 is a customer coming back for more business.
  /第\s*(?:[2-9]|\d{2,}|[二两三四五六七八九十几])\s*次(?!办|买|续|开|装|补|交|换|用|充)[^，。！？,!?]{0,10}?(?:来(?!办|买|续|开|装|补|交|换|充)|打电话|打客服|联系|找|投诉|反映|报修|跑)(?![^，。！？,!?]*(?:办业务|办理|办卡|买|续约|开户|缴费|充值))/,
  // 说了两遍 may be this chat; five times or more is not.
  /说了\s*(?:不下\s*)?(?:无数|好多|好几|[三四五六七八九十几]+|[3-9]|\d{2,})\s*(?:遍|次|回)/,
  // Waiting for us to call back (到现在也没人联系我, 一直没人给我回电话): the customer came to us before.
  /(?:一直|到现在|至今|迄今|还是|都|始终)(?:也|都|还)?(?:没(?:有)?人|没)(?:给我)?(?:联系我|回电话|回电|打电话给我|给我打电话|答复|回访|跟进)/,
  // Repairs counted (修了两次, 师傅来了三趟, 换了两次光猫): each one was a report of ours.
  new RegExp(String.raw`(?:修|上门|师傅来|来修)(?:了|过)?\s*${COUNT}|换了?\s*${COUNT}(?:的)?(?:光猫|机顶盒|路由器|卡|sim卡|设备)`),
  // A visit that did not hold (上次师傅来修过，没几天又坏了).
  /(?:上次|上回|之前|前几天|上周|上个月)(?:的)?(?:师傅|装维|维修(?:师傅|人员)?)(?:已经)?(?:来|上门)(?:修|看)?过[^。！？!?]{0,12}(?:又|还是|仍然|依然|没几天)/,
  // Waiting a counted time for our answer (等了你们两个星期的回复).
  new RegExp(
    String.raw`等了?(?:你们)?\s*(?:\d+|[一二两三四五六七八九十几半好]+)\s*(?:多)?\s*(?:个)?(?:天|周|星期|礼拜|月|小时)(?:多)?(?:的)?(?:${PROMISED_REPLY}|回音|消息)`,
  ),
  // Not satisfied with how the earlier complaint ended (对上次的处理结果不满意, 我要重新投诉).
  /(?:上次|上回|之前|上周|你们)(?:的)?(?:处理结果|答复|回复|处理|解决方案|方案)[^。！？!?]{0,6}(?:不满意|不认可|不接受|不合理)|对(?:上次|上回|之前|你们)(?:的)?(?:处理|答复|回复|结果)[^。！？!?]{0,6}不满意|重新投诉|再投诉一次/,
  // The same matter as last time (还是上次那个问题): the customer told us then.
  /(?:还是|又是|仍然是|依旧是)(?:我)?(?:上次|上回|之前|上周|前几天|前两天|上个月)(?:那个|的|反映的|说的|投诉的|报的)?(?:问题|事|情况|故障)/,
  // An earlier contact that came to nothing (上次说给我回电话…没音讯, 之前报的故障一直没下文): the
  // customer is back about the same thing, whatever words tell the first time.
  new RegExp(
    String.raw`(?:上次|上回|之前|前几天|前两天|前些天|上周|上礼拜|上星期|上个月|早先|当时)[^。！？!?]{0,4}${EARLIER_CONTACT}[^。！？!?]{0,16}${NO_FOLLOW_UP}`,
  ),
  // 打了两个电话 is usage (billing); a dozen calls is chasing us.
  /打了(?:不下)?\s*(?:[三四五六七八九十]+|\d{2,}|[3-9]|十几|好几十|几十|无数)\s*(?:个|通)(?:客服|投诉)?电话/,
  // 又打电话叫我去… is the operator calling; the customer says 我又打/我再打.
  /(?:我|俺)(?:今天|现在|只好|只能|都)?(?:又|再|再次)(?:来)?(?:投诉|反映|打电话|打客服|打来|打过去|打进来|打过来|来找|找你们)|又来(?:投诉|反映|找你们)|再次(?:投诉|反映)|(?:今天|现在)再打|连续\s*(?:\d+|[两三四五六七八九十几])\s*天(?:打|来|找|投诉|联系)/,
  /(?:每次|每回|每一次)(?:打电话|打客服|打过去|打10086|打10000|打进去|投诉|反映|来营业厅|来|找|联系|问客服|报修)|每次.{0,8}(?:催|打电话)/,
];

/** 从来没投诉过, 第一次投诉; someone else's complaints; an earlier complaint that went well. */
const NOT_A_REPEAT_BEFORE = /(?:没|没有|从来没|从没|从未|未曾)(?:有)?$/;
const SOMEONE_ELSE = /(?:同事|朋友|邻居|别人|有人|人家|他们|亲戚)/;
const EARLIER_ONE_WENT_WELL =
  /(?:处理得|解决得|办得)(?:挺|很|还|非常|特别)?(?:好|快|满意|行|不错)|(?:已经|今天就|现在|就|后来|最后)(?:就|也)?(?:好了|解决了|修好了|恢复了)|问题解决了|(?:给我)?退了(?:钱|款)|钱(?:已经|也)?退了|(?:那件事|那个事|那次)(?:谢谢|感谢|多谢)/;

/** The clause holding [start, end): enough to see who is speaking and whether it is negated. */
function clauseStart(text: string, start: number): number {
  const cut = Math.max(
    text.lastIndexOf('，', start - 1),
    text.lastIndexOf(',', start - 1),
    text.lastIndexOf('。', start - 1),
    text.lastIndexOf('！', start - 1),
    text.lastIndexOf('!', start - 1),
    text.lastIndexOf('？', start - 1),
    text.lastIndexOf('?', start - 1),
    text.lastIndexOf('；', start - 1),
  );
  return cut + 1;
}

/**
 * The patterns compiled once with the g flag for the scan below (every match is looked at, not
 * only the first); building them per message cost more than the matching.
 */
const REPEAT_SCANS: RegExp[] = REPEAT_PATTERNS.map((pattern) => new RegExp(pattern.source, 'g'));
const SOMEONE_ELSE_JUST_BEFORE = /(?:他|她)(?:都|也|已经)?$/;

/** Bit 0: EARLIER_ONE_WENT_WELL; bit i + 1: REPEAT_SCANS[i]. Most messages can begin none of them. */
const GATE = new RegexGate([EARLIER_ONE_WENT_WELL, ...REPEAT_SCANS]);

export function isRepeatContact(text: string): boolean {
  const may = GATE.scan(text);
  if (may & 1 && EARLIER_ONE_WENT_WELL.test(text)) return false;
  for (let i = 0; i < REPEAT_SCANS.length; i++) {
    if ((may & (2 << i)) === 0) continue;
    const scan = REPEAT_SCANS[i];
    scan.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = scan.exec(text))) {
      if (m[0].length === 0) scan.lastIndex++;
      const start = m.index;
      const before = text.slice(clauseStart(text, start), start);
      if (NOT_A_REPEAT_BEFORE.test(before)) continue;
      if (SOMEONE_ELSE.test(before) || SOMEONE_ELSE_JUST_BEFORE.test(before)) continue;
      return true;
    }
  }
  return false;
}
