/**
 * The Recognizer: one message in, one Understanding out. Normalises once, classifies the whole
 * message and its clauses, and reads small talk, emotion and slots from the same readable text.
 */
import type { CategoryId, Label } from '../src/domain/category';
import type { IssueUnderstanding, Recognizer, Slots, SmallTalk, Understanding, UnderstandingContext } from '../src/domain/understanding';
import { assessEmotionReadable } from './emotion';
import { type Clause, DEFAULT_GRIEVANCE, type Grievance, GrievanceOptions, innerCuts, segmentGrievances } from './grievances';
import { deviceFaultCategory, isDeviceFault } from './deviceFaults';
import { isFragmentSpan } from './fragmentHead';
import { normalizeText } from './normalize';
import { extractSlotsReadable } from './slots';
import { readNonComplaint, type NonComplaintKind, type NonComplaintReading } from './nonComplaints';
import { detectSmallTalkReadable, type SmallTalkResult } from './smallTalk';
import type { Analysis, Prediction, TextClassifier } from './textClassifier';

export const NONE_LABEL = 'none';

export interface RecognizerOptions {
  grievance: Partial<GrievanceOptions>;
  /** A message that is mostly small talk stays `none` unless the model is at least this sure of a complaint. */
  smallTalkOverride: number;
  /** Skip clause-level classification for messages longer than this (work orders): one issue. */
  maxSplitLength: number;
  /** A whole-message `none` less sure than this may be overruled by one clearly complaining clause… */
  noneRescueBelow: number;
  /** …classified at least this confidently. */
  rescueClauseConfidence: number;
  /**
   * Praise, thanks, questions and withdrawn complaints (nonComplaints.ts) overrule the model only
   * up to this length: a long letter with a question in it is usually a complaint told at length.
   */
  nonComplaintMaxLength: number;
  /**
   * …and only while the model is less sure than this that the message is a complaint. A question
   * the model is near certain about is mostly a grievance put as a question («能不能换个师傅来？»);
   * praise with no grievance in it is trusted whatever the model says.
   */
  nonComplaintOverrule: Record<NonComplaintKind, number>;
}

/** A grievance of a category told already in the message and read less surely than this joins its neighbour. */
const REPEAT_BELOW = 0.9;

export const DEFAULT_RECOGNIZER: RecognizerOptions = {
  grievance: {},
  smallTalkOverride: 0.85,
  maxSplitLength: 400,
  noneRescueBelow: 0.7,
  rescueClauseConfidence: 0.75,
  nonComplaintMaxLength: 80,
  nonComplaintOverrule: { praise: 1.01, thanks: 0.95, question: 0.9, withdrawn: 0.9 },
};

/** Small talk that fills the message and is a command keeps its reading: «不用了» mid-intake must still cancel. */
const COMMANDS: SmallTalk[] = ['human', 'cancel', 'restart', 'help', 'hours'];

/** What kind of non-complaint a `none` message is: commands first, then the speech act, then plain small talk. */
function nonComplaintKind(smallTalk: SmallTalkResult, reading: NonComplaintReading): SmallTalk | undefined {
  const fills = smallTalk.kind !== undefined && smallTalk.coverage >= 0.75;
  if (smallTalk.kind === 'human' || (fills && COMMANDS.includes(smallTalk.kind!))) return smallTalk.kind;
  if (fills && !(reading.kind === 'praise' || reading.kind === 'withdrawn')) return smallTalk.kind;
  // «营业时间是几点» is a question the bot has an answer for: keep the specific reading.
  if (reading.kind === 'question' && smallTalk.kind && COMMANDS.includes(smallTalk.kind)) return smallTalk.kind;
  return reading.kind ?? smallTalk.kind;
}

export class ComplaintRecognizer implements Recognizer {
  private readonly options: RecognizerOptions;

  constructor(
    readonly classifier: TextClassifier,
    options: Partial<RecognizerOptions> = {},
  ) {
    this.options = { ...DEFAULT_RECOGNIZER, ...options };
  }

  understand(text: string, context: UnderstandingContext = {}): Understanding {
    const readable = normalizeText(text ?? '');
    if (!readable) {
      const { signals, escalationRisk } = assessEmotionReadable('', context);
      return { text: text ?? '', category: 'none', confidence: 1, issues: [], emotion: { anger: 0 }, signals, escalationRisk, slots: {} };
    }
    const classifier = this.classifier;
    const analysis = classifier.analyze(readable);
    // Whether a clause is a fragment, asked only where it matters: the ends of the message here,
    // every clause only when a complaint is split into grievances.
    const fragmentFlags: Array<boolean | undefined> = [];
    const fragmentAt = (i: number): boolean =>
      analysis.clauses.length >= 2 && (fragmentFlags[i] ??= isFragmentSpan(classifier, analysis, i));
    const [wholeFrom, wholeTo] = withoutEdgeFragments(fragmentAt, analysis.clauses.length);
    const whole = classifier.predictSpan(analysis, wholeFrom, wholeTo);
    const smallTalk = detectSmallTalkReadable(readable);
    const emotion = assessEmotionReadable(readable, context);
    const slots = extractSlotsReadable(readable);

    let category = whole.label;
    let confidence = whole.confidence;
    if (
      smallTalk.kind &&
      smallTalk.coverage >= 0.75 &&
      category !== NONE_LABEL &&
      confidence < this.options.smallTalkOverride &&
      classifier.labels.includes(NONE_LABEL)
    ) {
      category = NONE_LABEL;
      confidence = Math.max(whole.probs[classifier.labels.indexOf(NONE_LABEL)] ?? 0, 1 - confidence);
    }

    // Praise, thanks, a question or a withdrawn complaint is no ticket, however complaint-like its
    // words; a grievance in question or praise form («怎么又多扣我钱», «态度真好啊，等了三天») is one.
    const reading = readable.length <= this.options.nonComplaintMaxLength ? readNonComplaint(readable) : { grievance: false };
    const fillsWithSmallTalk = smallTalk.kind !== undefined && smallTalk.coverage >= 0.75;
    const overrules = reading.kind !== undefined && confidence < this.options.nonComplaintOverrule[reading.kind];
    if (overrules && category !== NONE_LABEL && !smallTalk.kinds.includes('human') && classifier.labels.includes(NONE_LABEL)) {
      confidence = Math.max(whole.probs[classifier.labels.indexOf(NONE_LABEL)] ?? 0, 1 - confidence);
      category = NONE_LABEL;
    } else if (reading.grievance && category === NONE_LABEL && !fillsWithSmallTalk && confidence < this.options.noneRescueBelow) {
      const best = mostLikelyComplaint(whole, classifier.labels);
      if (best) ({ label: category, confidence } = best);
    }

    // Clause readings, computed at most once: they split complaints into grievances and can
    // overrule an unsure `none` when one clause is plainly a complaint ("你好，在吗？我宽带又断了").
    const clauses = readable.length <= this.options.maxSplitLength ? analysis.clauses : [];
    let readings: Prediction[] | undefined;
    // A clause the whole message was read on alone («你好，宽带又断了» without its greeting) has that reading already.
    const read = (): Prediction[] =>
      (readings ??= clauses.map((_, i) =>
        wholeTo - wholeFrom === 1 && i === wholeFrom ? whole : classifier.predictSpan(analysis, i, i + 1),
      ));

    if (
      category === NONE_LABEL &&
      !reading.kind &&
      clauses.length >= 2 &&
      confidence < this.options.noneRescueBelow &&
      !(smallTalk.kind && smallTalk.coverage >= 0.75)
    ) {
      const strongest = read()
        .map((r, i) => ({ r, i }))
        .filter(({ r, i }) => r.label !== NONE_LABEL && r.confidence >= this.options.rescueClauseConfidence && clauses[i].text.length >= 4)
        .sort((a, b) => b.r.confidence - a.r.confidence)[0];
      if (strongest) {
        category = strongest.r.label;
        confidence = strongest.r.confidence;
      }
    }

    let issues: IssueUnderstanding[] = [];
    if (category !== NONE_LABEL) {
      const fine = clauses.length
        ? this.finer(
            analysis,
            read(),
            clauses.map((_, i) => fragmentAt(i)),
          )
        : undefined;
      issues = fine && fine.analysis.clauses.length >= 2 ? this.issues(text, fine.analysis, fine.readings, fine.fragments) : [];
      if (issues.length === 0) {
        // A broken line or device is after-sales, however network-like its words (deviceFaults.ts).
        category = deviceFaultCategory(category, readable);
        issues = [{ category: category as CategoryId, text: text.trim(), confidence: round(confidence), ...slotsField(slots) }];
      } else if (!issues.some((i) => i.category === category)) {
        // The clauses disagree with the whole message. Keep the grievances the clauses show and
        // take as main category the one the whole-message reading ranks highest among them.
        const byWhole = [...issues].sort(
          (a, b) => whole.probs[classifier.labels.indexOf(b.category)] - whole.probs[classifier.labels.indexOf(a.category)],
        );
        category = byWhole[0].category;
        confidence = whole.probs[classifier.labels.indexOf(category)];
      }
    }

    const understanding: Understanding = {
      text,
      category: category as Label,
      confidence: round(confidence),
      issues,
      emotion: { anger: emotion.anger },
      signals: emotion.signals,
      escalationRisk: emotion.escalationRisk,
      slots,
    };
    // Next to a complaint only a request for a person is reported ("转人工！你们乱扣费"): a
    // greeting or thanks there is politeness, and a complaint is no cancel command.
    if (category === NONE_LABEL) {
      const kind = nonComplaintKind(smallTalk, reading);
      if (kind) understanding.smallTalk = kind;
    } else if (smallTalk.kinds.includes('human')) {
      understanding.smallTalk = 'human';
    }
    return understanding;
  }

  /**
   * The clauses for the grievance split, with a clause that may hold two grievances told in one
   * breath («又是断网又是扣费», «信号差还乱扣钱») cut in two (grievances.ts innerCuts), each part
   * read on its own. The message as a whole is still read on its clauses, as the model was trained.
   */
  private finer(
    analysis: Analysis,
    readings: Prediction[],
    fragments: boolean[],
  ): { analysis: Analysis; readings: Prediction[]; fragments: boolean[] } {
    if (!analysis.clauses.some((c) => innerCuts(c.text).length)) return { analysis, readings, fragments };
    const cuts = analysis.clauses.map((c) => innerCuts(c.text));
    const clauses: Clause[] = [];
    const parts: Clause[] = [];
    const of: number[] = [];
    analysis.clauses.forEach((clause, i) => {
      const bounds = [0, ...cuts[i], clause.text.length];
      for (let k = 0; k + 1 < bounds.length; k++) {
        const start = clause.start + bounds[k];
        const end = clause.start + bounds[k + 1];
        const part = { text: analysis.readable.slice(start, end), start, end, boundary: k === 0 ? clause.boundary : ('inner' as const) };
        if (bounds.length > 2) parts.push(part);
        clauses.push(part);
        of.push(bounds.length > 2 ? -1 : i);
      }
    });
    const partCounts = this.classifier.countRanges(analysis, parts);
    let p = 0;
    const fine: Analysis = { readable: analysis.readable, clauses, counts: of.map((i) => (i >= 0 ? analysis.counts[i] : partCounts[p++])) };
    return {
      analysis: fine,
      readings: of.map((i, j) => (i >= 0 ? readings[i] : this.classifier.predictSpan(fine, j, j + 1))),
      fragments: of.map((i, j) => (i >= 0 ? fragments[i] : isFragmentSpan(this.classifier, fine, j))),
    };
  }

  /** The grievances of a complaint, in order; empty when the message is one grievance. */
  private issues(original: string, analysis: Analysis, readings: Prediction[], fragments: boolean[]): IssueUnderstanding[] {
    const classifier = this.classifier;
    const { readable, clauses } = analysis;
    // A clause with no grievance of its own (「都一个月了！」) sides with its neighbours.
    const flat = { probs: new Float64Array(classifier.labels.length).fill(1 / classifier.labels.length) };
    // A clause that names a broken home line or device is filed as after-sales whatever network
    // words it has (deviceFaults.ts): the split weighs it as it will be filed, so «测速才40多兆，
    // 另外光猫隔三差五就断一次» is two grievances and not one network complaint. A fault told right
    // after it without naming the device again («宽带经常断线，一天断好几次») is the same device's.
    const network = classifier.labels.indexOf('product_quality');
    const afterSales = classifier.labels.indexOf('after_sales');
    const deviceFault: boolean[] = [];
    let faultFrom = -1;
    clauses.forEach((c, i) => {
      if (fragments[i] || network < 0 || afterSales < 0) return void deviceFault.push(false);
      const own = isDeviceFault(c.text);
      const told = !own && faultFrom >= 0 && isDeviceFault(readable.slice(faultFrom, c.end));
      if (own) faultFrom = c.start;
      else if (!told) faultFrom = -1;
      deviceFault.push(own || told);
    });
    const clauseReadings = readings.map((r, i) => (fragments[i] ? flat : deviceFault[i] ? asFiled(r, network, afterSales) : r));
    const groups = segmentGrievances(clauses, clauseReadings, classifier.labels, {
      ...DEFAULT_GRIEVANCE,
      ...this.options.grievance,
      noneLabel: NONE_LABEL,
    });
    // A broken line or device is after-sales (deviceFaults.ts). Refiled, a network grievance can
    // end up next to an after-sales one about the same line («宽带经常断网，报修了三次没人来»):
    // neighbours of one category are one grievance told in two clauses, as the split would have
    // read them had the model filed them alike.
    // fields spelled out: spreading the grievance was the slowest line of the split
    const filed: FiledGrievance[] = groups.map((g) => ({
      label: g.label,
      from: g.from,
      to: g.to,
      start: g.start,
      end: g.end,
      category: deviceFaultCategory(g.label as CategoryId, readable.slice(g.start, g.end)),
    }));
    joinNeighbours(filed);
    if (filed.length <= 1) return [];
    // How sure a grievance is, read without the fragments at its ends as the whole message is
    // («打客服没人接 都三天了»: how long is no evidence of what about).
    const readingOf = (g: FiledGrievance) => {
      let [from, to] = withoutEdgeFragments((i) => fragments[g.from + i], g.to - g.from);
      from += g.from;
      to += g.from;
      // a one-clause grievance was read already, on the same counts
      const reading = to - from === 1 ? readings[from] : classifier.predictSpan(analysis, from, to);
      // An after-sales grievance told as a device fault is as sure as its network share too.
      const refiled = g.category === 'after_sales' && (g.label !== g.category || deviceFault.slice(from, to).includes(true));
      return reading.probs[classifier.labels.indexOf(g.category)] + (refiled ? reading.probs[network] : 0);
    };
    const confidences = filed.map(readingOf);
    // A second grievance of a category the message has told already, and read less surely than
    // REPEAT_BELOW, is most often the setting or an aftermath of its neighbour («营业厅小哥推荐我办了个
    // “免费”的宽带，说加10块就送» before the broadband that drops): the weakest such one joins the
    // grievance before it (the one after it when it opens the message), until none is left.
    for (;;) {
      let weakest = -1;
      filed.forEach((g, i) => {
        const repeated = filed.some((h, j) => j !== i && h.category === g.category);
        if (repeated && confidences[i] < REPEAT_BELOW && (weakest < 0 || confidences[i] < confidences[weakest])) weakest = i;
      });
      if (weakest < 0) break;
      const into = weakest > 0 ? weakest - 1 : 1;
      const [g, n] = [filed[weakest], filed[into]];
      filed[into] = {
        ...n,
        from: Math.min(n.from, g.from),
        to: Math.max(n.to, g.to),
        start: Math.min(n.start, g.start),
        end: Math.max(n.end, g.end),
      };
      filed.splice(weakest, 1);
      // joined, it may now touch a grievance of its own category: one grievance told in two parts
      joinNeighbours(filed);
      // rare (a message with a category twice), so all are read again
      confidences.splice(0, confidences.length, ...filed.map(readingOf));
    }
    if (filed.length <= 1) return [];
    // Quote the customer's own characters when normalisation kept offsets (it does unless an
    // OpenCC phrase changed length); otherwise the normalised text.
    const base = original.replace(/\r/g, '');
    const lead = base.length - base.trimStart().length;
    const sameShape = base.trim().length === readable.length;
    return filed.map((g, i) => {
      const span = readable.slice(g.start, g.end);
      const confidence = confidences[i];
      return {
        category: g.category,
        text: (sameShape ? base.slice(lead + g.start, lead + g.end) : span).replace(/^[\s,，。;；、]+|[\s,，;；、]+$/g, ''),
        confidence: round(confidence),
        ...slotsField(extractSlotsReadable(span)),
      };
    });
  }
}

/**
 * The clauses [from, to) a message is read on: fragments at either end (「都一个月了！」,
 * 「气死我了」, 「我是十年的老用户」) say how long, how angry or who, not what about, and months
 * would make a signal complaint read as billing. A message of nothing but fragments is read whole.
 */
function withoutEdgeFragments(fragmentAt: (i: number) => boolean, n: number): [number, number] {
  let from = 0;
  let to = n;
  while (from < to && fragmentAt(from)) from++;
  while (to > from && fragmentAt(to - 1)) to--;
  return from < to ? [from, to] : [0, n];
}

/** The complaint category the whole-message reading ranks highest, for a grievance the model filed as `none`. */
function mostLikelyComplaint(whole: Prediction, labels: readonly string[]): { label: string; confidence: number } | undefined {
  let best: { label: string; confidence: number } | undefined;
  labels.forEach((label, i) => {
    if (label !== NONE_LABEL && (!best || whole.probs[i] > best.confidence)) best = { label, confidence: whole.probs[i] };
  });
  return best;
}

type FiledGrievance = Grievance & { category: CategoryId };

/** Neighbours filed under one category are one grievance told in two parts: joined, in place. */
function joinNeighbours(filed: FiledGrievance[]): void {
  for (let k = 1; k < filed.length; k++) {
    if (filed[k].category !== filed[k - 1].category) continue;
    Object.assign(filed[k - 1], { to: filed[k].to, end: filed[k].end });
    filed.splice(k--, 1);
  }
}

/** A reading with its network-quality share counted as after-sales, as a device fault is filed. */
function asFiled(reading: Prediction, network: number, afterSales: number): { probs: Float64Array } {
  const probs = Float64Array.from(reading.probs);
  probs[afterSales] += probs[network];
  probs[network] = 0;
  return { probs };
}

/** `{ slots }` when any slot was found, nothing otherwise: an issue without facts stays small. */
function slotsField(slots: Slots): { slots?: Slots } {
  return Object.values(slots).some(Boolean) ? { slots } : {};
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
