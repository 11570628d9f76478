import type { CategoryId, Label } from './category';

/**
 * What the language layer (intents/) makes of one customer message. The dialogs, the CLI and
 * later the assist panel all read this one shape, so it lives in the domain.
 */

/** Names of the slots the extractor can fill. Values are the customer's own wording, normalised. */
export type SlotName =
  | 'phone'
  | 'idNumber'
  | 'amount'
  | 'month'
  | 'date'
  | 'time'
  | 'place'
  /** 室内, 室外 or 地下 (basements, garages, lifts, the metro): where the place is, said apart from the address. */
  | 'placeSetting'
  /** How long it has been going on, e.g. 一个多月. */
  | 'duration'
  | 'staffId'
  | 'ticketId'
  | 'phoneModel';

export type Slots = Partial<Record<SlotName, string>>;

/**
 * Non-complaint things a customer says that the bot answers without opening a case. 'human' is
 * the request for a person (a hand-over); 'praise', 'question' and 'withdrawn' are whole messages
 * that mention complaint words without complaining (intents/nonComplaints.ts).
 */
export type SmallTalk =
  'greeting' | 'thanks' | 'human' | 'hours' | 'cancel' | 'restart' | 'help' | 'bye' | 'praise' | 'question' | 'withdrawn';

/**
 * Why a case may escalate, as shown to staff. The outside bodies first; 'higher_up' is a threat to
 * take it over this desk's head (找你们省公司, 找上级领导, 往上告, 告到底), 'threat' one that names no body
 * (实名举报, 拉横幅, 走着瞧).
 */
export type EscalationSignal =
  'regulator' | 'consumer_association' | 'media' | 'lawyer' | 'higher_up' | 'threat' | 'repeat' | 'elderly' | 'urgent' | 'anger';

/** Every escalation signal the recognizer reports (for configuration). */
export const ESCALATION_SIGNALS = [
  'regulator',
  'consumer_association',
  'media',
  'lawyer',
  'higher_up',
  'threat',
  'repeat',
  'elderly',
  'urgent',
  'anger',
] as const satisfies readonly EscalationSignal[];

/** Signals that the customer means to take the case further: staff and the bot treat these as a priority. */
export const THREAT_SIGNALS: readonly EscalationSignal[] = ['regulator', 'consumer_association', 'media', 'lawyer', 'higher_up', 'threat'];

export interface IssueUnderstanding {
  category: CategoryId;
  text: string;
  confidence: number;
  /**
   * The slots told in this grievance's own words: in «信号差在人民路，另外上月多扣了50元» the place
   * belongs to the signal and the amount to the bill. Absent when nothing was found.
   */
  slots?: Slots;
}

export interface Emotion {
  /** 0 calm … 1 furious. */
  anger: number;
}

export interface Understanding {
  text: string;
  category: Label;
  confidence: number;
  /** One entry per grievance; empty when category is 'none'. */
  issues: IssueUnderstanding[];
  emotion: Emotion;
  signals: EscalationSignal[];
  escalationRisk: boolean;
  slots: Slots;
  /** Set when the message is small talk, a command, praise, a question or a withdrawn complaint rather than a complaint. */
  smallTalk?: SmallTalk;
}

/** Context the caller may know that changes the reading, e.g. earlier complaints by this customer. */
export interface UnderstandingContext {
  priorComplaints?: number;
}

export interface Recognizer {
  understand(text: string, context?: UnderstandingContext): Understanding;
}
