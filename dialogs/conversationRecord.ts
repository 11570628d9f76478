import type { BotState, StatePropertyAccessor } from 'botbuilder';
import type { AskedKind } from '../intents/answerReading';
import type { Attachment, CaseIssue, TranscriptEntry } from '../src/domain/case';
import type { EscalationSignal, Slots } from '../src/domain/understanding';

/**
 * What one conversation remembers between turns, kept in Bot Framework conversation state so
 * that it survives a restart (memory or Redis storage). The bot core writes the transcript and
 * the attachments; the intake dialogs write `intake` and hand everything over with the case.
 * It lives in dialogs/ because the dialogs read it and must not import the bot.
 */
export const CONVERSATION_RECORD_PROPERTY = 'complaintDesk.conversation';

/** The complaint being taken down. Plain JSON: it is persisted between turns. */
export interface IntakeProgress {
  issues: IntakeIssue[];
  slots: Slots;
  /** Highest anger seen during this intake: a customer who was furious once stays treated gently. */
  anger: number;
  signals: EscalationSignal[];
  escalationRisk: boolean;
  elderly: boolean;
  /** What the customer added at the summary («需要补充»). */
  additions: string[];
  /** The slow-data self-check advice is offered once per intake, not once per issue. */
  adviceGiven: boolean;
  /**
   * Questions in a row the customer could not answer («不知道», «不记得»). From the second one on
   * only what the case cannot do without is asked: the agent looks the rest up.
   */
  unableInRow?: number;
  /** What the customer's next message answers: «不用了» at the summary is «nothing to add». */
  awaiting?: AskedKind;
}

export interface IntakeIssue extends CaseIssue {
  /** Question ids already asked for this issue, answered or not: never ask twice. */
  asked: string[];
  /** Slots told in this grievance's own words; they answer its questions before the conversation's slots do. */
  slots?: Slots;
  /**
   * Replies that answered nothing asked («光猫» to «在哪儿？»): no value of any question, but they
   * still tell what the grievance is about (a home line, not a phone).
   */
  remarks?: string[];
}

export interface ConversationRecord {
  /** Customer messages so far; seeds the choice of wording variants. */
  turn: number;
  greeted: boolean;
  transcript: TranscriptEntry[];
  /** Media received since the last accepted case; they go onto the next case. */
  attachments: Attachment[];
  /** Consecutive messages the bot could not place (the «fails to understand twice» rule). */
  notUnderstood: number;
  /** Earlier cases of this customer, looked up once per conversation. */
  priorComplaints?: number;
  intake?: IntakeProgress;
}

export function newConversationRecord(): ConversationRecord {
  return { turn: 0, greeted: false, transcript: [], attachments: [], notUnderstood: 0 };
}

export function conversationRecordAccessor(state: BotState): StatePropertyAccessor<ConversationRecord> {
  return state.createProperty<ConversationRecord>(CONVERSATION_RECORD_PROPERTY);
}

/** Appends a line and keeps only the newest `max` lines, so a chatty conversation cannot grow state without bound. */
export function appendTranscript(record: ConversationRecord, entry: TranscriptEntry, max: number): void {
  record.transcript.push(entry);
  if (record.transcript.length > max) record.transcript.splice(0, record.transcript.length - max);
}
