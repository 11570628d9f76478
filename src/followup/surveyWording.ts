import type { Score } from './satisfactionParser';

/** What customers hear around the 回访 (satisfaction follow-up) and a return about the same matter. */

export const SURVEY_QUESTION_TEXT =
  '想占用您几秒钟做个回访：这次的处理您还满意吗？直接回复 1-5 分就可以（5 分最满意），也可以说「满意」或「不满意」。您的每一条评价我们都会认真看。';

export function thanksText(score: Score): string {
  switch (score) {
    case 5:
      return '收到您的 5 分，太谢谢您了！能帮上忙我们也很高兴，之后有任何需要随时找我。';
    case 4:
      return '收到您的评价（4 分），谢谢您！哪里还可以做得更好，也欢迎随时告诉我们。';
    default:
      return '谢谢您的评价（3 分）。看得出还有让您不够满意的地方，您的意见已经记在工单上，我们会认真改进。如果问题其实还没解决，直接告诉我就行。';
  }
}

/** Honest about what happens next: reopened, back to a person, and by when. */
export function reopenedText(ticketId: string, reopenHours: number): string {
  return (
    `非常抱歉，这次的处理没能让您满意，谢谢您如实告诉我们。工单 ${ticketId} 已经重新打开，转回人工客服跟进，` +
    `${hoursText(reopenHours)}内会有同事再联系您。您可以直接在这里说说哪里还不满意，同事接手后会先看您的留言，不用再从头讲一遍。`
  );
}

export function askAgainText(ticketId: string): string {
  return `您的留言已经记在工单 ${ticketId} 上，谢谢。方便的话，也请给这次的处理打个分：回复 1-5 分（5 分最满意），或者说「满意」/「不满意」。`;
}

export function sameTicketText(ticketId: string, reopened: boolean): string {
  return (
    `您这次反映的和工单 ${ticketId} 是同一件事，我们就记在这张工单上，不另开新单，之后查进度报这个工单号就可以。` +
    (reopened ? '这张工单已经重新打开，会转给人工客服继续跟进。' : '')
  );
}

export function hoursText(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} 分钟`;
  return `${Math.round(hours * 10) / 10} 小时`;
}
