import type { SlotName } from '../../src/domain/understanding';

/** One thing worth knowing about a grievance of some category (DOMAIN.md, «What to ask per category»). */
export interface FollowUpQuestion {
  id: string;
  /** Short name used in the summary the customer confirms, e.g. 地点. */
  label: string;
  /** Still asked when the customer is angry or elderly and gets only the essentials. */
  essential: boolean;
  /** Known as soon as one of these slots has been extracted from any message. */
  filledBy?: SlotName[];
  /** Words that show the customer already told us, in the complaint or in any answer. */
  answeredBy?: RegExp;
  /**
   * What an answer must look like to be kept as the value (a repair number has digits or
   * letters); a reply that does not fit is kept as a note, not as the value.
   */
  fits?: RegExp;
  /**
   * Asked only about a grievance this holds for, judged on everything told about it (its text,
   * the answers, the additions): a phone model means nothing for a broadband line.
   */
  askedAbout?: (told: string) => boolean;
  /**
   * A bare yes or no answers it («之前报修过吗？» «对»). To any other question
   * («您是在哪儿用手机不好使？») a bare «对» or «不是» tells nothing to keep as the answer.
   * The words say what the bare yes or no means here, for the summary and the agent
   * («上门情况：有约了没上门的», not «上门情况：对»).
   */
  yesNo?: { yes: string; no: string };
  /**
   * When what was told about the grievance already answers half of the question («报修过一次»
   * to «之前报修过吗？记得单号的话…»), only the other half is asked: the customer hears that she
   * was listened to, not the same question again.
   */
  partlyToldBy?: { told: RegExp; ask: string; askSimply: string };
  /**
   * Asked only when the customer did not say no to that other question: with no repair reported,
   * there was no repair visit to miss.
   */
  unlessNoTo?: string;
  /** Free-form question variants. */
  ask: readonly string[];
  /** Simpler wording for elderly customers. */
  askSimply: string;
}
