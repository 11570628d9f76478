import type { Case } from '../domain/case';
import { waitingSince } from '../cases/priority';
import { STALL_TEXT } from './stallWording';

/**
 * Stall detection as a pure function: a case, the time and the thresholds in; a score, whether
 * the conversation is stalled, and readable reasons out. No store, no clock of its own, so the
 * list, the scanner and the tests all agree on one answer.
 *
 * What stalls a conversation (each gives a reason):
 *   waiting        queued longer than customerWaitSeconds, or (active) the customer's oldest
 *                  unanswered line is older than that
 *   agent_silent   active, and the owner wrote nothing for agentSilentSeconds (since the claim
 *                  or their last message)
 *   deadline_near  the first response is still owed and less than deadlineMinutes are left
 *   overdue        the first response is still owed and the deadline has passed
 *   anger_rising   the last readings rise steadily (情绪持续升级)
 * What makes it worse but does not stall it alone (a reason and points, no alert):
 *   repeat         the customer has other tickets, or said it is not the first time
 *   anger_high     the latest reading is high
 */

export interface StallThresholds {
  /** STALL_AFTER_SECONDS: how long the owner of an active case may stay silent. */
  agentSilentSeconds: number;
  /** STALL_WAIT_SECONDS: how long a customer may wait for a person. */
  customerWaitSeconds: number;
  /** STALL_DEADLINE_MINUTES: warn when less than this is left before the first-response deadline. */
  deadlineMinutes: number;
  /** Anger readings in the trend. */
  angerTrendLength: number;
  /** Rise over the last three readings that counts as escalating (0..1). */
  angerRise: number;
  /** A latest reading from which the customer counts as very angry (intents' ANGER_HIGH). */
  angerHigh: number;
}

export const DEFAULT_STALL_THRESHOLDS: StallThresholds = {
  agentSilentSeconds: 300,
  customerWaitSeconds: 300,
  deadlineMinutes: 10,
  angerTrendLength: 5,
  angerRise: 0.15,
  angerHigh: 0.55,
};

export type StallCode = 'waiting' | 'agent_silent' | 'deadline_near' | 'overdue' | 'anger_rising' | 'anger_high' | 'repeat';

/** Codes that make a conversation stalled on their own (and raise an alert). */
export const STALLING_CODES: readonly StallCode[] = ['waiting', 'agent_silent', 'deadline_near', 'overdue', 'anger_rising'];

/** Points per reason; the score is their sum, capped at 100. */
export const STALL_WEIGHTS: Record<StallCode, number> = {
  waiting: 30,
  agent_silent: 30,
  deadline_near: 25,
  overdue: 40,
  anger_rising: 20,
  anger_high: 10,
  repeat: 15,
};

/** Other tickets of the same customer (same channel and customer id). */
export interface CustomerHistory {
  otherCases: number;
}

/** The measurements a supervisor sees per conversation (all in seconds). */
export interface ConversationFacts {
  /** How long the customer has waited for a person: in the queue, or for an answer to their oldest unanswered line. 0 when nobody is owed anything. */
  waitingSeconds: number;
  /** What the customer waits for: a person to pick up, a reply, or nothing. */
  waitingFor: 'queue' | 'reply' | null;
  /** Active cases: since the owner's claim or last message, whichever is later. Null otherwise. */
  agentSilentSeconds: number | null;
  /** Until the first-response deadline; negative when overdue. */
  deadlineSeconds: number;
  /** Whether a person has written to the customer yet (the first-response deadline is met). */
  firstResponseGiven: boolean;
  /** The last anger readings (0 calm .. 1 furious), oldest first: intake, then each relayed message. */
  angerTrend: number[];
  repeat: { repeat: boolean; count: number };
}

export interface StallReason {
  code: StallCode;
  text: string;
}

export interface StallAssessment {
  score: number;
  stalled: boolean;
  /** Readable, most pressing first. */
  reasons: string[];
  /** The same reasons as codes (what alerts compare). */
  details: StallReason[];
}

const seconds = (fromIso: string, now: Date) => Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 1000));

export function conversationFacts(
  c: Case,
  now: Date,
  thresholds: Pick<StallThresholds, 'angerTrendLength'> = DEFAULT_STALL_THRESHOLDS,
  history: CustomerHistory = { otherCases: 0 },
): ConversationFacts {
  const agentLines = c.transcript.filter((t) => t.from === 'agent');
  const lastAgentAt = agentLines.length ? agentLines[agentLines.length - 1].at : undefined;

  let waitingSeconds = 0;
  let waitingFor: ConversationFacts['waitingFor'] = null;
  let agentSilentSeconds: number | null = null;
  if (c.status === 'queued') {
    waitingSeconds = seconds(waitingSince(c), now);
    waitingFor = 'queue';
  } else if (c.status === 'active') {
    // The owner is answerable from the claim (the automatic greeting asks the customer to go on).
    const since = latest(c.claimedAt, lastAgentAt) ?? c.updatedAt;
    agentSilentSeconds = seconds(since, now);
    const unanswered = c.transcript.find((t) => t.from === 'customer' && t.at > since);
    if (unanswered) {
      waitingSeconds = seconds(unanswered.at, now);
      waitingFor = 'reply';
    }
  }

  const readings = [c.anger, ...(c.angerHistory ?? []).map((r) => r.anger)].map((a) => Math.round(a * 100) / 100);
  // Said by the customer («又», «第三次»), marked by the follow-up's repeat check, or other tickets on record.
  const signalled = c.signals.includes('repeat') || c.repeat === true;
  const count = Math.max(history.otherCases, c.linkedCaseIds?.length ?? 0);
  return {
    waitingSeconds,
    waitingFor,
    agentSilentSeconds,
    deadlineSeconds: Math.round((Date.parse(c.responseDueAt) - now.getTime()) / 1000),
    firstResponseGiven: agentLines.length > 0,
    angerTrend: readings.slice(-thresholds.angerTrendLength),
    repeat: { repeat: signalled || count > 0, count },
  };
}

/** The stall score and reasons of one conversation (open, queued or active; a resolved case never stalls). */
export function assessStall(
  c: Case,
  now: Date,
  thresholds: StallThresholds = DEFAULT_STALL_THRESHOLDS,
  history: CustomerHistory = { otherCases: 0 },
): StallAssessment {
  if (c.status === 'resolved') return { score: 0, stalled: false, reasons: [], details: [] };
  return assessFacts(conversationFacts(c, now, thresholds, history), thresholds, c.ownerAgentNo);
}

/** The same decision from facts already measured (the list computes them once). */
export function assessFacts(f: ConversationFacts, t: StallThresholds, ownerAgentNo?: string): StallAssessment {
  const details: StallReason[] = [];
  let bonus = 0;
  const add = (code: StallCode, text: string) => details.push({ code, text });

  if (!f.firstResponseGiven) {
    if (f.deadlineSeconds < 0) add('overdue', STALL_TEXT.overdue(-f.deadlineSeconds));
    else if (f.deadlineSeconds < t.deadlineMinutes * 60)
      add('deadline_near', STALL_TEXT.deadlineNear(t.deadlineMinutes, f.deadlineSeconds));
  }
  if (f.waitingFor && f.waitingSeconds >= t.customerWaitSeconds) {
    add('waiting', f.waitingFor === 'queue' ? STALL_TEXT.queueWait(f.waitingSeconds) : STALL_TEXT.replyWait(f.waitingSeconds));
    bonus += overBy(f.waitingSeconds, t.customerWaitSeconds);
  }
  if (f.agentSilentSeconds !== null && f.agentSilentSeconds >= t.agentSilentSeconds) {
    add('agent_silent', STALL_TEXT.agentSilent(f.agentSilentSeconds, ownerAgentNo));
    bonus += overBy(f.agentSilentSeconds, t.agentSilentSeconds);
  }
  if (angerRising(f.angerTrend, t.angerRise)) add('anger_rising', STALL_TEXT.angerRising());
  const last = f.angerTrend[f.angerTrend.length - 1];
  if (last !== undefined && last >= t.angerHigh) add('anger_high', STALL_TEXT.angerHigh());
  if (f.repeat.repeat) add('repeat', STALL_TEXT.repeat(f.repeat.count));

  const stalled = details.some((d) => STALLING_CODES.includes(d.code));
  const points = details.reduce((sum, d) => sum + STALL_WEIGHTS[d.code], 0) + bonus;
  details.sort((a, b) => STALL_WEIGHTS[b.code] - STALL_WEIGHTS[a.code]);
  return { score: Math.min(100, Math.round(points)), stalled, reasons: details.map((d) => d.text), details };
}

/** Three or more readings, the last three never falling, and a clear rise over them. */
export function angerRising(trend: number[], rise: number): boolean {
  if (trend.length < 3) return false;
  const [a, b, c] = trend.slice(-3);
  return a <= b && b <= c && c - a >= rise;
}

/** Up to 20 extra points the longer a limit is exceeded (5 per further limit's length). */
function overBy(value: number, limit: number): number {
  return Math.min(20, Math.floor((value - limit) / Math.max(1, limit)) * 5);
}

function latest(a?: string, b?: string): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
