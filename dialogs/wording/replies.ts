import type { Attachment } from '../../src/domain/case';
import { MEDIA_NAMES } from '../../src/domain/labels';

/** Fixed replies (one wording each, some with values filled in). Variants live in phraseFamilies.ts. */

export const HELP_TEXT =
  '我是投诉受理的智能助手，不是真人客服。我可以帮您登记投诉：信号网速、话费扣费、业务办理、服务态度、宽带和设备维修都可以。' +
  '您直接说遇到的情况，我会问几个简单的问题，登记后给您工单号和回复时限。\n' +
  '随时可以发「转人工」找人工同事，发「重新说」从头来，发「取消」不办了。';

/** After «I didn't understand»: say what we can do, never just «I can't». */
export const CAPABILITIES_TEXT =
  '我能帮您登记信号网速、话费扣费、业务办理、服务态度、设备维修这几类问题，直接描述情况就行；想找人工可以发「转人工」。';

export const DEFAULT_HOURS_TEXT =
  '我这里全天 24 小时在线，随时可以登记投诉；人工同事的在线时间以营业公告为准，登记后会按承诺的时限联系您。';
/**
 * The answer to a how-to, account or pre-sales question when the operator has not configured one
 * (QUESTION_TEXT): where such things are done, that it is no complaint, and how to reach a person.
 */
export const DEFAULT_QUESTION_TEXT =
  '话费、流量、套餐、宽带这类查询和办理，在官方手机营业厅 App、官方公众号或就近的营业厅都能办，拨打客服热线也可以。';
export function questionAnswerText(question: string, answer: string): string {
  const quoted = question.length <= 30 ? `您问的是「${question}」。` : '';
  return `${quoted}${answer}\n这是咨询，不算投诉，我这里不会给您建工单。需要人工解答，回复「转人工」就行；要是用的时候遇到了问题，直接告诉我，我帮您登记。`;
}
export const HOURS_OFFER_TEXT = '如果现在遇到了问题，也可以直接告诉我，我先帮您登记。';

/** Small talk in the middle of an intake: answered briefly, then the pending question again. */
export const PASSING_THANKS_TEXT = '不客气，我们接着来。';
export const PASSING_GREETING_TEXT = '您好！我们接着刚才的说。';
/** The same once we have already said 您好: a second greeting reads like a machine. */
export const PASSING_LISTENING_TEXT = '在的，我们接着刚才的说。';

export const CANCELLED_TEXT = '好的，这次就先不登记了，刚才说的内容不会记录。有需要随时再来找我。';
export const NOTHING_TO_CANCEL_TEXT = '现在没有正在登记的事项。有问题直接告诉我就好。';
export const RESTART_TEXT = '好的，我们从头来。请把遇到的问题再跟我说一遍。';

export const EMPTY_MESSAGE_TEXT = '我这边没收到文字内容，麻烦您再发一次，把遇到的问题简单说说就行。';
export function tooLongText(maxChars: number): string {
  return `谢谢您写得这么详细！不过这条消息有点长，我一次接收不了。麻烦精简一下，或者分成几条发给我，每条不超过 ${maxChars} 字。`;
}

// Media names live with the staff-facing labels in domain/, so the handoff relay names media without importing dialogs.
export { mediaLabel } from '../../src/domain/labels';

export function mediaReceivedText(kind: Attachment['kind']): string {
  // Voice and stickers cannot be read by the bot; say so plainly instead of pretending.
  if (kind === 'voice') return '语音收到了，我会附在您的记录里。不过我暂时听不了语音，麻烦用文字简单说一下遇到了什么问题。';
  if (kind === 'sticker') return '收到您的表情啦。方便的话，用文字跟我说说遇到了什么问题吧。';
  return `${MEDIA_NAMES[kind]}收到了，我会附在您的工单里。麻烦再用文字简单说一下是什么问题，方便我帮您登记。`;
}

export const SELF_CHECK_ADVICE =
  '先给您几个小建议，可以试试：重启手机；打开飞行模式几秒钟再关掉；或者换个位置看看信号。试了不管用也没关系，我照样帮您登记。';
/** The same for a home line: the phone's airplane mode does nothing for broadband. */
export const HOME_SELF_CHECK_ADVICE =
  '先给您几个小建议，可以试试：把光猫和路由器断电，等一两分钟再插上；或者离路由器近一点、用网线直连电脑测一下。试了不管用也没关系，我照样帮您登记。';

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function ordinal(index: number): string {
  return CHINESE_ORDINALS[index] ?? String(index + 1);
}
export function multiIssueText(names: string[]): string {
  return `您一共提到了 ${names.length} 件事：${names.join('、')}。我们一件一件来。`;
}
export function issueIntroText(index: number, categoryName: string): string {
  return index === 0 ? `先说第一件，${categoryName}方面的问题。` : `接着说第${ordinal(index)}件，${categoryName}方面的问题。`;
}

export const CONFIRM_YES = '对，就是这样';
export const CONFIRM_ADD = '需要补充';
export function confirmSummaryText(summaryLines: string[], dueHours: number): string {
  return (
    `我跟您核对一下：\n${summaryLines.join('\n')}\n` +
    `没问题请回复「${CONFIRM_YES}」，要补充请回复「${CONFIRM_ADD}」。确认后我马上登记，${dueHours} 小时内会有同事联系您。`
  );
}
export const ASK_ADDITION_TEXT = '好的，请告诉我还需要补充什么。';
export const ADDITION_NOTED_TEXT = '补充的内容记下了。';
/** Before the summary, when the last questions found nothing to say: no thanks for «useful details». */
export const UNKNOWN_IS_FINE_TEXT = '不清楚的地方没关系，同事会帮您查。';
export const ANYTHING_ELSE_TEXT = '还有别的需要帮忙的吗？随时告诉我。';

/**
 * The bot's half of a handoff. The queue notice that follows (src/handoff) gives the place and
 * the rough wait, so this line names no minutes: recorded, a colleague takes over here, and the
 * deadline only as the outer bound for when nobody is free.
 */
export function humanRequestedText(ticketId: string, due: string): string {
  return `好的，已经为您登记了人工服务请求，工单号 ${ticketId}。接下来由人工同事在这个对话里接手；如果暂时没有空闲的同事，也会在 ${due}处理您的问题。`;
}
export function notUnderstoodTwiceText(ticketId: string, due: string): string {
  return `抱歉，我还是没能理解清楚，这是我的问题。我已经为您登记了人工服务请求，工单号 ${ticketId}，接下来由人工同事在这个对话里接手；如果暂时没有空闲的同事，也会在 ${due}处理您的问题。`;
}

export const TURN_FAILED_TEXT = '抱歉，系统刚才开了个小差，您这条消息没处理成功。麻烦稍后再发一次，之前说的内容都还在。';

/** Once per window to a customer whose messages arrive faster than the desk lets them in (the rest get 429). */
export const FLOOD_NOTICE_TEXT = '您发送得有点快，刚才有几条没能发出来。请稍等片刻再发一次，我会一条一条认真看。';

/**
 * Over a ticket limit (IntakeLimited): no new ticket number. With an open ticket the complaint
 * was filed with it. Without one nothing was recorded, and the customer is told so plainly:
 * promising "we noted it" here would be a complaint silently lost.
 */
export function intakeLimitedText(openTicketId?: string): string {
  if (openTicketId)
    return `您说的情况我们已经记录下来了，会和您的工单 ${openTicketId} 放在一起处理，不用再单独登记，同事跟进时会一并给您答复。`;
  return '非常抱歉，这一个小时里登记的工单已经比较多，系统暂时不能再新建工单，您刚才说的情况这次没有登记上。麻烦您过一会儿再来找我，我们一定认真处理。';
}
