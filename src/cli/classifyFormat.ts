/** The JSON line `complaint-desk classify` writes for one input line. */
import type { Recognizer, Understanding } from '../domain/understanding';

export interface ClassifyOutput {
  category: string;
  confidence: number;
  issues: Understanding['issues'];
  emotion: Understanding['emotion'];
  signals: Understanding['signals'];
  escalationRisk: boolean;
  slots: Understanding['slots'];
  smallTalk?: string;
  /**
   * What a non-complaint is, for callers outside the bot: praise, thanks, question, greeting,
   * handoff_request, withdrawn, cancel, restart, help, hours, bye. Absent for a complaint.
   */
  kind?: string;
  text: string;
}

/** The bot's small-talk names as `kind`; only the request for a person is renamed, to say what it is. */
function kindOf(smallTalk: NonNullable<Understanding['smallTalk']>): string {
  return smallTalk === 'human' ? 'handoff_request' : smallTalk;
}

export function toOutput(u: Understanding): ClassifyOutput {
  const out: ClassifyOutput = {
    category: u.category,
    confidence: u.confidence,
    issues: u.issues,
    emotion: u.emotion,
    signals: u.signals,
    escalationRisk: u.escalationRisk,
    slots: u.slots,
    text: u.text,
  };
  if (u.smallTalk) out.smallTalk = u.smallTalk;
  if (u.category === 'none' && u.smallTalk) out.kind = kindOf(u.smallTalk);
  return out;
}

/**
 * Answers for lines seen before in this run. Customers repeat themselves ("你好", "转人工", the
 * same complaint pasted twice) and the answer depends on the text alone, so repeats cost a
 * lookup. Bounded: cleared when full.
 */
export class AnswerCache {
  private readonly answers = new Map<string, string>();
  constructor(private readonly max = 50000) {}

  get(text: string): string | undefined {
    return this.answers.get(text);
  }

  set(text: string, answer: string): void {
    if (this.answers.size >= this.max) this.answers.clear();
    this.answers.set(text, answer);
  }
}

/** One input line (a CR at the end is dropped) → one JSON line with its newline. */
export function formatLine(recognizer: Recognizer, line: string, cache?: AnswerCache): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const known = cache?.get(text);
  if (known !== undefined) return known;
  const answer = JSON.stringify(toOutput(recognizer.understand(text))) + '\n';
  cache?.set(text, answer);
  return answer;
}
