import type { TurnContext } from 'botbuilder';
import type { ChannelId } from '../src/domain/case';
import type { CaseDraft } from '../src/domain/caseIntake';
import type { ConversationRecord } from './conversationRecord';
import { caseSlots, caseSummary } from './intakeProgress';

/**
 * The case's channel for each Bot Framework channel id our adapters send, matched exactly: a
 * guess by substring would take another channel whose id happens to contain «wechat» for WeChat
 * and answer it through wechaty. Direct Line is the web chat; an id none of our adapters sends
 * (the Bot Framework emulator) is treated as the web chat, which answers in the same conversation.
 */
const CASE_CHANNELS: Readonly<Record<string, ChannelId>> = {
  directline: 'web',
  webchat: 'web',
  wechat: 'wechat',
  wecom: 'wecom',
  test: 'test',
};

export function channelOf(channelId: string | undefined): ChannelId {
  const id = (channelId ?? '').toLowerCase();
  return Object.hasOwn(CASE_CHANNELS, id) ? CASE_CHANNELS[id] : 'web';
}

/** Everything known so far, as the case service wants it. Works before any grievance was told (a bare «转人工»). */
export function buildDraft(context: TurnContext, record: ConversationRecord, wantsHuman: boolean): CaseDraft {
  const intake = record.intake;
  return {
    channel: channelOf(context.activity.channelId),
    customerId: context.activity.from?.id ?? 'unknown',
    conversationId: context.activity.conversation?.id ?? 'unknown',
    issues: (intake?.issues ?? []).map(({ category, text, answers, unanswered }) => ({
      category,
      text,
      answers: { ...answers },
      ...(unanswered && Object.keys(unanswered).length > 0 ? { unanswered: { ...unanswered } } : {}),
    })),
    slots: intake ? caseSlots(intake) : {},
    anger: intake?.anger ?? 0,
    signals: [...(intake?.signals ?? [])],
    escalationRisk: intake?.escalationRisk ?? false,
    wantsHuman,
    summary: intake ? caseSummary(intake) : '',
    attachments: [...record.attachments],
    transcript: [...record.transcript],
  };
}
