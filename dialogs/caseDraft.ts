import type { TurnContext } from 'botbuilder';
import type { ChannelId } from '../src/domain/case';
import type { CaseDraft } from '../src/domain/caseIntake';
import type { ConversationRecord } from './conversationRecord';
import { caseSlots, caseSummary } from './intakeProgress';

/**
 * The channel ids our adapters send that name a case channel of their own, matched exactly: a
 * guess by substring would take another channel whose id happens to contain «wechat» for WeChat
 * and answer it through wechaty. Every other id (Direct Line, the Bot Framework emulator) is the
 * web chat, which answers in the same conversation.
 */
const OWN_CHANNELS: ReadonlySet<string> = new Set<ChannelId>(['wechat', 'wecom', 'test']);

export function channelOf(channelId: string | undefined): ChannelId {
  const id = (channelId ?? '').toLowerCase();
  return OWN_CHANNELS.has(id) ? (id as ChannelId) : 'web';
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
