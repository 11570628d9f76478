/**
 * Has the customer already come to us about this: 第三次投诉, 打了好几次客服, 报修报了四次, 上周投诉的.
 *
 * A fault that keeps coming back (又断网了, 这个月断了三次) is annoying but is not a repeat
 * complaint; repeated contact is what DOMAIN.md counts as an escalation signal.
 */

/** How many times: 三次, 好几遍, 七八回, 不下十次, N次. One time is not a repeat. */
const COUNT = String.raw`(?:第)?(?:[2-9]|\d{2,}|[二两三四五六七八九十几多]+|好几|好多|无数|多少|不下\s*(?:\d+|[十几二三四五]+)|n)\s*(?:次|遍|回|趟)`;

/** The ways of contacting us. 说了两遍/问了三遍 is often within this one chat, so only 说过/问过. */
const CONTACT_VERB = String.raw`(?:投诉|反映|反馈|打电话|打|拨|致电|来电|联系|找|报修|报障|报|催|提交|提|说过|跑|问过|留言|申诉|申请|上报|来)`;
/** What may stand between the verb and the count: 打了你们客服电话七八次. */
const CONTACT_FILLER = String.raw`[了过你们客服人工电话热线营业厅工单修障都已经有\d\s]{0,8}`;
const COUNT_THEN_CONTACT = String.raw`(?:投诉|反映|反馈|打电话|打客服|打来|打过来|打进来|来反映|来投诉|来找|来问|来催|联系|找你们|找客服|报修|报障|催|提交|致电|来电|跟你们说|说)`;

const REPEAT_PATTERNS: RegExp[] = [
  new RegExp(`${CONTACT_VERB}${CONTACT_FILLER}${COUNT}`),
  new RegExp(`${COUNT}(?:的)?${COUNT_THEN_CONTACT}`),
  /(?:已经|这都|都|这是)第\s*(?:[2-9]|\d{2,}|[二两三四五六七八九十几n])\s*次了/,
  /多次(?:投诉|反映|反馈|联系|致电|来电|打电话|报修)|投诉过|反映过|反馈过|报修过|申诉过|重复投诉|再次投诉|再次反映|说过好多次|说了多少|说过多少|不止一次|不是第一次|三番五次|几次三番|反反复复|反复(?:反映|投诉|说|催|打)|跑了好几趟|找过你们|找过客服|找过领导|找过经理|找了(?:[三四五六七八九十几]|好几)个部门|一次又一次|石沉大海/,
  /(?:上周|上礼拜|上星期|上个星期|上个礼拜|上个月|上次|上回|之前|以前|前几天|前两天|前些天|几天前|前天|昨天|去年|月初|早就|早已|已经)(?:就|都|也)?(?:已经)?(?:投诉|反映|报修|报障|申诉|提交|反馈|打过|打了电话|联系过)/,
  /(?:之前|上次|上回|上周|昨天|前天|当时)(?:的)?(?:客服|工作人员|营业员|师傅)(?:明明)?(?:说|答应|承诺|保证)/,
  /打了(?:一|两|几|好几|\d+)?个?(?:礼拜|星期|月|天|周)(?:的)?电话/,
  // 打了两个电话 is usage (billing); a dozen calls is chasing us.
  /打了(?:不下)?\s*(?:[三四五六七八九十]+|\d{2,}|[3-9]|十几|好几十|几十|无数)\s*(?:个|通)(?:客服|投诉)?电话/,
  // 又打电话叫我去… is the operator calling; the customer says 我又打/我再打.
  /(?:我|俺)(?:今天|现在|只好|只能|都)?(?:又|再|再次)(?:来)?(?:投诉|反映|打电话|打客服|打来|打过去|来找|找你们)|又来(?:投诉|反映|找你们)|再次(?:投诉|反映)|(?:今天|现在)再打|连续\s*(?:\d+|[两三四五六七八九十几])\s*天(?:打|来|找|投诉|联系)/,
  /每次(?:打电话|打客服|打过去|打10086|打10000|打进去|投诉|反映|来营业厅|来|找|联系|问客服|报修)|每次.{0,8}(?:催|打电话)/,
];

/** 从来没投诉过, 第一次投诉; someone else's complaints; an earlier complaint that went well. */
const NOT_A_REPEAT_BEFORE = /(?:没|没有|从来没|从没|从未|未曾)(?:有)?$/;
const SOMEONE_ELSE = /(?:同事|朋友|邻居|别人|有人|人家|他们|亲戚)/;
const EARLIER_ONE_WENT_WELL =
  /(?:处理得|解决得|办得)(?:挺|很|还|非常|特别)?(?:好|快|满意|行|不错)|(?:已经|今天就|现在|就)(?:好了|解决了|修好了|恢复了)|问题解决了/;

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

export function isRepeatContact(text: string): boolean {
  if (EARLIER_ONE_WENT_WELL.test(text)) return false;
  for (const scan of REPEAT_SCANS) {
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
