import type { TurnContext } from 'botbuilder';
import { buildDraft } from './caseDraft';
import type { ConversationRecord } from './conversationRecord';
import { formatDeadline } from './deskTime';
import type { IntakeDeps } from './intakeDeps';
import { humanRequestedText, intakeLimitedText, notUnderstoodTwiceText } from './wording/replies';
import type { HumanRequestReason } from '../src/domain/case';
import { IntakeLimited } from '../src/domain/caseIntake';

/**
 * Hands the conversation to a person: the case service records (or updates) the case and queues
 * it. The customer hears the truth — recorded, with the time by which a colleague will answer —
 * not a promise of an agent this very second. The reason travels with the case, so staff see
 * why it came to them without anyone guessing from the last line.
 */
export async function handOverToHuman(context: TurnContext, deps: IntakeDeps, reason: HumanRequestReason): Promise<void> {
  const record = await deps.reader.record(context);
  let queued;
  try {
    queued = await deps.caseIntake.requestHuman(buildDraft(context, record, true), reason);
  } catch (err) {
    if (!(err instanceof IntakeLimited)) throw err;
    forgetHandedOver(record);
    await context.sendActivity(intakeLimitedText(err.openTicketId));
    return;
  }
  forgetHandedOver(record);
  const due = formatDeadline(queued.responseDueAt, deps.settings.timeZone);
  await context.sendActivity(reason === 'asked' ? humanRequestedText(queued.ticketId, due) : notUnderstoodTwiceText(queued.ticketId, due));
}

/** Once a case carries them, the intake, the media and the transcript start afresh for whatever comes next. */
export function forgetHandedOver(record: ConversationRecord): void {
  record.intake = undefined;
  record.attachments = [];
  record.transcript = [];
}
