import { ActivityTypes, CardFactory, ConversationState, type Activity, type TurnContext } from 'botbuilder';
import type { BotLogic } from '../../src/bot/botLogic';
import type { Store } from '../../src/store/store';

/**
 * A small stateful stand-in for the intake bot core, for the WeChat channel tests: it keeps its
 * step in ConversationState over store.botStorage (so it survives a restart on Redis), asks a
 * question with suggested actions, then a follow-up, then sends a receipt shaped like the real
 * one (no text, an Adaptive Card, `summary` with the full receipt, channelData.receipt).
 * Swap in the real bot by passing its BotLogic where the tests use this.
 *
 * Test commands: "长回复" sends one long reply; "连发 N" sends N replies in one turn.
 */

export interface IntakeState {
  step: 'start' | 'category' | 'details' | 'done';
  category?: string;
  details?: string;
  attachments: { ref: string; contentType: string; name?: string }[];
}

export const CATEGORY_ACTIONS = [
  { type: 'imBack', title: '话费账单', value: 'billing_dispute' },
  { type: 'imBack', title: '网络信号', value: 'network_coverage' },
];

export interface WechatIntakeBot {
  logic: BotLogic;
  /** Every activity the bot received, as it received it. */
  seen: Partial<Activity>[];
  receipts: { ticketId: string; responseDueAt: string }[];
}

export function createWechatIntakeBot(store: Store): WechatIntakeBot {
  const conversationState = new ConversationState(store.botStorage);
  const intake = conversationState.createProperty<IntakeState>('wechatTestIntake');
  const seen: Partial<Activity>[] = [];
  const receipts: WechatIntakeBot['receipts'] = [];

  const askCategory = (context: TurnContext) =>
    context.sendActivity({
      type: ActivityTypes.Message,
      text: '您好，这里是移动客服。请问您要反映哪一类问题？',
      suggestedActions: { actions: CATEGORY_ACTIONS, to: [] },
    });

  const logic: BotLogic = async (context) => {
    const activity = context.activity;
    seen.push(JSON.parse(JSON.stringify(activity)));
    if (activity.type !== ActivityTypes.Message) return;
    const state = await intake.get(context, { step: 'start', attachments: [] });
    const text = (activity.text ?? '').trim();

    const refs = (activity.attachments ?? []).filter((a) => typeof a.contentUrl === 'string' && a.contentUrl.startsWith('wechat-message:'));
    if (refs.length > 0) {
      state.attachments.push(...refs.map((a) => ({ ref: a.contentUrl!, contentType: a.contentType, name: a.name })));
      await context.sendActivity('收到您发来的内容，谢谢！为了尽快帮您处理，请用文字简单描述一下遇到的问题。');
    } else if (text === '长回复') {
      const paragraph = '关于您反映的问题，我们会按照流程逐项核实，包括账单明细、套餐变更记录和近期的增值业务订购情况。';
      await context.sendActivity(Array.from({ length: 12 }, (_, i) => `第${i + 1}段：${paragraph}`).join('\n\n'));
    } else if (/^连发\s*\d+$/.test(text)) {
      const n = Number(text.replace(/\D/g, ''));
      await context.sendActivities(Array.from({ length: n }, (_, i) => ({ type: ActivityTypes.Message, text: `第${i + 1}条回复` })));
    } else if (state.step === 'start') {
      await askCategory(context);
      state.step = 'category';
    } else if (state.step === 'category') {
      const picked = CATEGORY_ACTIONS.find((a) => a.value === text);
      if (!picked) {
        await askCategory(context);
      } else {
        state.category = picked.value;
        state.step = 'details';
        await context.sendActivity('好的。请简单描述一下具体情况，比如什么时候开始、涉及多少金额。');
      }
    } else if (state.step === 'details') {
      state.details = text;
      const seq = await store.nextTicketSequence('20250101');
      const ticketId = `TS-20250101-${String(seq).padStart(4, '0')}`;
      const responseDueAt = '2025-01-02T09:00:00+08:00';
      const summary = `您的投诉已受理。工单号：${ticketId}。我们将在 2025年1月2日 09:00 前答复您。`;
      receipts.push({ ticketId, responseDueAt });
      await context.sendActivity({
        type: ActivityTypes.Message,
        summary,
        attachments: [
          CardFactory.adaptiveCard({
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: '投诉已受理', weight: 'Bolder' },
              {
                type: 'FactSet',
                facts: [
                  { title: '工单号', value: ticketId },
                  { title: '答复时限', value: '2025-01-02 09:00' },
                ],
              },
            ],
          }),
        ],
        channelData: { receipt: { ticketId, category: state.category, acceptedAt: '2025-01-01T09:00:00+08:00', responseDueAt } },
      });
      state.step = 'done';
    } else {
      await context.sendActivity('您的工单已在处理中，如需补充请直接留言。');
    }
    await conversationState.saveChanges(context);
  };

  return { logic, seen, receipts };
}
