import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CaseIntake } from '../src/domain/caseIntake';
import type { Recognizer, Understanding } from '../src/domain/understanding';
import { channelOf } from './caseDraft';
import { newConversationRecord, type ConversationRecord } from './conversationRecord';
import type { PhraseFamily } from './wording/phraseFamilies';
import { PHRASE_FAMILIES } from './wording/phraseFamilies';
import { pickPhrase } from './wording/pickPhrase';

const UNDERSTANDING_KEY = Symbol('complaintDesk.understanding');

/** The recognizer's anger reading of this turn's message, when a dialog has read it (the bot core records it). */
export function turnAnger(context: TurnContext): number | undefined {
  return (context.turnState.get(UNDERSTANDING_KEY) as Understanding | undefined)?.emotion.anger;
}

/**
 * Reads the current turn once for every dialog that asks: the interruption check and the step
 * that consumes the answer see the same Understanding, and the recognizer runs once per message.
 */
export class TurnReader {
  constructor(
    private readonly recognizer: Recognizer,
    private readonly caseIntake: CaseIntake,
    private readonly records: StatePropertyAccessor<ConversationRecord>,
  ) {}

  record(context: TurnContext): Promise<ConversationRecord> {
    return this.records.get(context, newConversationRecord());
  }

  async understand(context: TurnContext): Promise<Understanding> {
    const cached = context.turnState.get(UNDERSTANDING_KEY) as Understanding | undefined;
    if (cached) return cached;
    const record = await this.record(context);
    if (record.priorComplaints === undefined) record.priorComplaints = await this.priorComplaints(context);
    const understanding = this.recognizer.understand(context.activity.text ?? '', { priorComplaints: record.priorComplaints });
    context.turnState.set(UNDERSTANDING_KEY, understanding);
    return understanding;
  }

  /** A line of a phrase family, varied by conversation and turn but stable for a given turn. */
  phrase(context: TurnContext, family: PhraseFamily): Promise<string> {
    return this.pick(context, PHRASE_FAMILIES[family], family);
  }

  /** One of `variants`; `key` keeps two picks in the same turn independent. */
  async pick(context: TurnContext, variants: readonly string[], key: string): Promise<string> {
    const record = await this.record(context);
    return pickPhrase(variants, `${context.activity.conversation?.id}#${record.turn}#${key}`);
  }

  /** Repeat complaints are an escalation signal; the lookup is a nice-to-have, so a failure only skips it (retried next turn). */
  private async priorComplaints(context: TurnContext): Promise<number | undefined> {
    const customerId = context.activity.from?.id;
    if (!customerId) return undefined;
    try {
      return (await this.caseIntake.casesOfCustomer(channelOf(context), customerId)).length;
    } catch {
      return undefined;
    }
  }
}
