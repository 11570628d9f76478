import { ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import type { Case, Receipt } from '../src/domain/case';
import { CATEGORY_NAMES } from '../src/domain/category';
import { formatDeadline, formatDeskTime } from './deskTime';

const RECEIPT_TITLE = '投诉受理回执';
/**
 * How the customer will hear back. Staff answer in the conversation the case came from (web chat
 * or WeChat alike); a call is only promised when the customer left a phone number on the case.
 */
export const RECEIPT_CLOSING_CHAT = '我们的同事会在回复时限前在这个对话里回复您，请留意这里的消息。';
export const RECEIPT_CLOSING_WITH_PHONE = '我们的同事会在回复时限前在这个对话里回复您，必要时也会拨打您留下的电话。';

export function receiptClosing(accepted: Pick<Case, 'slots'>): string {
  return accepted.slots?.phone ? RECEIPT_CLOSING_WITH_PHONE : RECEIPT_CLOSING_CHAT;
}

/**
 * The 投诉受理回执 as one message: an Adaptive Card for channels that draw cards, the same facts
 * as plain text in `summary` for those that cannot (WeChat sends `text ?? summary`), and the raw
 * receipt in channelData for the web page.
 */
export function receiptMessage(accepted: Case, receipt: Receipt, timeZone: string): Partial<Activity> {
  const facts = [
    { title: '工单号', value: receipt.ticketId },
    { title: '类别', value: categoryLabel(accepted, receipt) },
    { title: '受理时间', value: formatDeskTime(receipt.acceptedAt, timeZone) },
    { title: '回复时限', value: formatDeadline(receipt.responseDueAt, timeZone) },
  ];
  const closing = receiptClosing(accepted);
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [
      { type: 'TextBlock', text: RECEIPT_TITLE, weight: 'Bolder', size: 'Medium' },
      { type: 'FactSet', facts },
      { type: 'TextBlock', text: closing, wrap: true, isSubtle: true },
    ],
  });
  return {
    type: ActivityTypes.Message,
    attachments: [card],
    summary: [RECEIPT_TITLE, ...facts.map((f) => `${f.title}：${f.value}`), closing].join('\n'),
    channelData: { receipt: { ...receipt } },
  };
}

/** The main category first, then any other grievances of the same letter. */
function categoryLabel(accepted: Case, receipt: Receipt): string {
  const ids = [receipt.category, ...accepted.issues.map((i) => i.category)];
  return [...new Set(ids)].map((id) => CATEGORY_NAMES[id]).join('、');
}
