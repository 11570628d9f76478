import type { TurnContext } from 'botbuilder';
import type { ChannelId } from '../src/domain/case';
import type { CaseDraft } from '../src/domain/caseIntake';
import type { ConversationRecord } from './conversationRecord';
import { caseSlots, caseSummary } from './intakeProgress';

/** Bot Framework channel ids as our channels and tests send them, mapped to the case's channel. */
export function channelOf(channelId: string | undefined): ChannelId {
  const id = (channelId ?? '').toLowerCase();
  if (id.includes('wecom')) return 'wecom';
  if (id.includes('wechat')) return 'wechat';
  if (id === 'test') return 'test';
  return 'web';
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
