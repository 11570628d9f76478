import type { TurnContext } from 'botbuilder';
import { CASE_CHANNEL_TURN_KEY, UNKNOWN_CHANNEL, type ChannelId } from '../src/domain/channels';
import type { CaseDraft } from '../src/domain/caseIntake';
import type { ConversationRecord } from './conversationRecord';
import { caseSlots, caseSummary } from './intakeProgress';

/**
 * The turn's case channel, as the bot core read it from the channel registry when the turn began
 * (src/bot/caseChannelStamp.ts). A turn nobody stamped (a dialog driven on its own, in tests)
 * keeps its activity's channel id as is.
 */
export function channelOf(context: Pick<TurnContext, 'turnState' | 'activity'>): ChannelId {
  return (context.turnState.get(CASE_CHANNEL_TURN_KEY) as ChannelId | undefined) ?? context.activity.channelId ?? UNKNOWN_CHANNEL;
}

/** Everything known so far, as the case service wants it. Works before any grievance was told (a bare «转人工»). */
export function buildDraft(context: TurnContext, record: ConversationRecord, wantsHuman: boolean): CaseDraft {
  const intake = record.intake;
  return {
    channel: channelOf(context),
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
