/**
 * Multi-grievance messages: "信号差，而且多扣我80块，客服还挂我电话" is three complaints.
 *
 * The message is cut into clauses at sentence punctuation, commas and enumeration or
 * connector words (而且, 还有, 另外, 第一/第二, 1. 2.); each clause is classified; a Viterbi pass
 * labels the clauses with categories, paying a price for every change of category (cheap after
 * a connector, dear after a comma), so runs of one category merge and `none` fragments join a
 * neighbour.
 */
import { RegexGate } from './regexGate';

/** What separates a clause from the one before it; connectors are the strongest sign of a new grievance. */
export type Boundary = 'start' | 'comma' | 'sentence' | 'connector' | 'inner';

export interface Clause {
  text: string;
  start: number;
  end: number;
  boundary: Boundary;
}

/** Connectors that open a new grievance. Longest first so 还有就是 wins over 还有. */
const CONNECTORS = [
  '除此之外',
  '还有就是',
  '另外还有',
  '再一个',
  '另一个',
  '再就是',
  '而且',
  '并且',
  '还有',
  '另外',
  '再说',
  '再者',
  '此外',
  '其次',
  '同时',
  '最后',
  '第一',
  '第二',
  '第三',
  '第四',
  '第五',
  '一是',
  '二是',
  '三是',
  '四是',
  '其一',
  '其二',
  '其三',
];

/**
 * 还有 opens a grievance, but not in «流量明明还有» (still has), «余额里还有87块», «卡上还有» (still
 * has, of a place) or «还有没有人管» (is there still).
 */
const STILL_HAVE = '(?<![明都也只就没里上中内])还有(?!没有)';
/**
 * 另外 opens a grievance, but not as the adverb of «路由器要另外收99», «还要另外付费» (on top,
 * separately): after a modal, or in mid-clause before a verb of paying, it says how, not what
 * next. At a clause's start («，另外收了我50») it still opens one.
 */
const BESIDES = '(?<![要得需还再])另外(?!(?<=[\\u4e00-\\u9fff]另外)[收付交算加买花扣计掏出给])';

const CONNECTOR_SOURCE = [
  ...CONNECTORS.map((c) =>
    c.startsWith('第') ? `${c}(?![次天个年月日回遍趟位名])` : c === '还有' ? STILL_HAVE : c === '另外' ? BESIDES : c,
  ),
  // enumerations: 1. 2、 (3) ①
  '(?<![\\d.])[1-9][.、)）](?![\\d])',
  '[(（][1-9一二三四五][)）]',
  '[①②③④⑤⑥⑦⑧⑨]',
  // 一、二、 after a break or a colon («就两件事：一、…，二、…»)
  '(?<=^|[\\s:：,，。;；!！?？(（])[一二三四五六七八九十]、',
].join('|');
/** «补卡收了20不说，新卡还用不了», «慢也就算了，还断»: the clause before sets one grievance aside for the next. */
const SET_ASIDE_BEFORE = /(?:不说|(?:也|就)?算了|(?:也|就)?罢了|先不说|就不说了|不提了)[\s,，]*$/;
/**
 * «既扣了我的钱，又不给我开通业务», «不光信号差，客服也爱理不理»: the first half of a correlative pair
 * announces a second point, so the clause after it opens a grievance as a connector does.
 */
const CORRELATIVE_BEFORE = /^\s*(?:既|不仅|不但|不光|不只|一方面)/;
/**
 * «信号差、网速慢、宽带断、客服凶»: clauses listed with 、 are points of a list, each its own, as after
 * a connector. Only items of three characters or more, that say what is wrong: a list of things
 * («信号、网速、宽带都不行») is one grievance about them all.
 */
const LISTED_BEFORE = /(?:^|[^一二三四五六七八九十])\p{Script=Han}{3,}、+\s*$/u;
const CONNECTOR_AT_START = new RegExp(`^\\s*(?:${CONNECTOR_SOURCE})`);
const CONNECTOR_ANYWHERE = new RegExp(CONNECTOR_SOURCE, 'g');
/** A text holding no character a connector begins with has none, at its start or anywhere. */
const CONNECTOR_GATE = new RegexGate([CONNECTOR_ANYWHERE]);

const SENTENCE_END = /[。!！?？;；\n]|\s{2,}|…|\.{3,}|~/;
/**
 * Emoji end a clause as a comma does («维修师傅不上门😡 客服还挂电话😡»), and so does a + or /
 * between words («网速慢+乱扣费+客服差评»), and one space between Chinese words: in a chat window
 * many customers type a space where a comma goes («宽带又断了 打客服没人接 都三天了»). A space
 * between two short words is only a space («我家 宽带 老断»): each side needs three characters.
 */
const PUNCT_RUN =
  /[。!！?？;；\n,，、]*[。!！?？;；\n,，]|(?<!(?:^|[\s:：,，。;；!！?？(（])[一二三四五六七八九十])、+|\s{2,}|…+|\.{3,}|~+|(?:\p{Extended_Pictographic}|[\ufe0f\u200d])+[\s,，。!！?？]*|(?<=\p{Script=Han})[+/](?=\p{Script=Han})|(?<=\p{Script=Han}{3})\s(?=\p{Script=Han}{3})/gu;
/** Punctuation and spaces: what does not count as content in a clause. */
const NOT_CONTENT = new Set([...' \t\r\n\f\v\u00a0\u3000,，。.!！?？;；:：、~…"“”\'‘’()（）']);
/** NOT_CONTENT by character code: the loop below runs over every clause several times, and a one-character string per character made it the slow part of the split. */
const NOT_CONTENT_CODE = new Uint8Array(65536);
for (const ch of NOT_CONTENT) NOT_CONTENT_CODE[ch.charCodeAt(0)] = 1;

function contentLength(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (NOT_CONTENT_CODE[text.charCodeAt(i)] !== 1) n++;
  return n;
}

/**
 * The last character before trailing spaces and commas. SET_ASIDE_BEFORE can only match a clause
 * ending in 说 or 了, and LISTED_BEFORE one with a 、: cheap tests that spare the expressions (run
 * on every clause, and LISTED_BEFORE backtracks over the whole clause) for all the others.
 */
function lastWordChar(text: string): string {
  let i = text.length - 1;
  while (i >= 0 && (text[i] === ',' || text[i] === '，' || /\s/.test(text[i]))) i--;
  return i >= 0 ? text[i] : '';
}

/** Cuts a readable message into clauses, keeping offsets into it and the kind of break before each. */
export function splitClauses(text: string): Clause[] {
  // 1. punctuation: each clause keeps its trailing punctuation
  const pieces: Clause[] = [];
  let from = 0;
  let boundary: Boundary = 'start';
  PUNCT_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PUNCT_RUN.exec(text))) {
    const end = m.index + m[0].length;
    if (contentLength(text, from, m.index) > 0) {
      pieces.push({ text: text.slice(from, end), start: from, end, boundary });
      boundary = SENTENCE_END.test(m[0]) ? 'sentence' : 'comma';
      from = end;
    }
  }
  if (from < text.length && contentLength(text, from) > 0) pieces.push({ text: text.slice(from), start: from, end: text.length, boundary });
  else if (pieces.length && from < text.length) {
    const last = pieces[pieces.length - 1];
    last.end = text.length;
    last.text = text.slice(last.start);
  }

  // 2. connectors: a clause opening with one is marked; one in mid-clause after a few characters splits it
  const clauses: Clause[] = [];
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p];
    if (piece.boundary !== 'start') {
      const before = pieces[p - 1].text;
      const last = lastWordChar(before);
      if (
        ((last === '说' || last === '了') && SET_ASIDE_BEFORE.test(before)) ||
        CORRELATIVE_BEFORE.test(before) ||
        (before.includes('、') && LISTED_BEFORE.test(before))
      )
        piece.boundary = 'connector';
    }
    if (CONNECTOR_GATE.scan(piece.text) === 0) {
      clauses.push({ text: piece.text, start: piece.start, end: piece.end, boundary: piece.boundary });
      continue;
    }
    if (CONNECTOR_AT_START.test(piece.text) && piece.boundary !== 'start') piece.boundary = 'connector';
    let cutFrom = piece.start;
    let cutBoundary = piece.boundary;
    CONNECTOR_ANYWHERE.lastIndex = 0;
    while ((m = CONNECTOR_ANYWHERE.exec(piece.text))) {
      const at = piece.start + m.index;
      if (contentLength(text, cutFrom, at) < 3) continue;
      clauses.push({ text: text.slice(cutFrom, at), start: cutFrom, end: at, boundary: cutBoundary });
      cutFrom = at;
      cutBoundary = 'connector';
    }
    clauses.push({ text: text.slice(cutFrom, piece.end), start: cutFrom, end: piece.end, boundary: cutBoundary });
  }

  // 3. a clause that is only a connector or a number ("第二，", "2.") belongs to what follows it
  const merged: Clause[] = [];
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    const bare = CONNECTOR_GATE.scan(c.text) === 0 ? c.text : c.text.replace(CONNECTOR_ANYWHERE, '');
    if (contentLength(bare) === 0 && i + 1 < clauses.length) {
      const next = clauses[i + 1];
      clauses[i + 1] = {
        text: text.slice(c.start, next.end),
        start: c.start,
        end: next.end,
        boundary: c.boundary === 'start' ? 'start' : 'connector',
      };
      continue;
    }
    merged.push(c);
  }
  return merged;
}

/**
 * Two grievances told in one breath, with no punctuation or connector between them: the second
 * 又是 of «又是断网又是扣费», an additive 还 («信号差还乱扣钱», «修完还收了一百五的上门费») and 结果.
 * 还 that means "still" (还是, 还没, 还在, 还要…) continues the grievance and is no cut. The cuts
 * are only candidates: the split takes one where the two sides read as different categories.
 */
const INNER_CUT = new RegExp(
  [
    '(?<=又是\\p{Script=Han}{1,12})又是',
    // «态度还很差» says how, of the same grievance: no cut before a degree word either
    '还(?!是|没|在|要|得|行|好|挺|算|能|可以|会|一直|只|那么|这么|不如|不到|不够|有|剩|差|早|未|把|很|特别|非常|真|太|蛮|更|比较)',
    '结果',
  ].join('|'),
  'gu',
);

const NO_CUTS: readonly number[] = Object.freeze([]);

/**
 * Who does the next thing, or when, not a grievance: in «客服还推来推去», «修它的师傅还说是我不会用»
 * and «而且上个月还断了两天网» the 还 is the second part's own, and the person or the time before
 * it is its subject or its setting, so no cut there.
 */
const PERSON =
  '(?:客服|kf|营业员|营业厅的人|工作人员|师傅|装维|维修工|维修师傅|安装师傅|小姑娘|小伙子|经理|店员|业务员|大姐|大哥|领导|人|男的|女的)(?:们)?(?:也)?';
const SUBJECT_ONLY = new RegExp(`^(?:你们|他们?|她们?|那个|这个|那位|这位)?(?:的)?(?:\\p{Script=Han}{1,10}的)?${PERSON}$`, 'iu');
/** «宽带天天断客服还不管»: the person before 还 is the second grievance's subject, so the cut goes before them. */
const ENDS_WITH_PERSON = new RegExp(`(?:(?:你们|那个|这个|那位|这位)(?:的)?)?(?<!人)${PERSON}$`, 'iu');
const SETTING_ONLY =
  /^(?:而且|并且|另外|还有|然后|结果)?(?:上上?个?月|这个?月|本月|昨天|前天|今天|上周|上礼拜|上星期|最近|这几天|前几天|这两天|去年|今年|早上|晚上|每个?月|后来|之后|现在)(?:底|初|中)?$/;

/** «为什么还每个月扣5块钱»: 还 after a question word is the question's «still», no second grievance. */
const ASKED_BEFORE = /(?:为什么|为啥|凭什么|怎么|咋)$/;

/** Offsets inside a clause where a second grievance may start (INNER_CUT), each with enough on either side. */
export function innerCuts(clause: string): readonly number[] {
  // Most clauses have none of the words: skip the expression for them (it runs on every clause).
  if (!clause.includes('还') && !clause.includes('结果') && !clause.includes('又是')) return NO_CUTS;
  const cuts: number[] = [];
  let last = 0;
  INNER_CUT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INNER_CUT.exec(clause))) {
    const before = clause.slice(last, m.index).trim();
    if (contentLength(clause, last, m.index) < 2 || contentLength(clause, m.index) < 3) continue;
    // A connector opening the clause is no part of the subject: «而且客服还挂我电话» has 客服 before 还.
    const bare = before.replace(CONNECTOR_AT_START, '');
    if (SUBJECT_ONLY.test(bare) || SETTING_ONLY.test(before) || ASKED_BEFORE.test(before)) continue;
    const subject = m[0].startsWith('还') ? ENDS_WITH_PERSON.exec(clause.slice(last, m.index)) : null;
    const at = subject ? last + subject.index : m.index;
    // Nothing but a connector before the cut («而且|客服还…», «最后|还让我自己去查») is no grievance of its own.
    if (contentLength(clause.slice(last, at).replace(CONNECTOR_AT_START, '')) < 2) continue;
    cuts.push(at);
    last = at;
  }
  return cuts;
}

export interface ClauseReading {
  /** Probability per label, in the classifier's label order. */
  probs: Float64Array;
}

export interface GrievanceOptions {
  /** Cost of starting a new grievance, in log-probability units, by the break it starts at: higher means fewer splits. */
  switchPenalty: Record<Exclude<Boundary, 'start'>, number>;
  /** Probability floor added before renormalising, so one confident-looking fragment cannot force a split. */
  smoothing: number;
  /** Clauses shorter than this many characters count proportionally less (short fragments are noisy). */
  fullWeightLength: number;
  noneLabel: string;
}

export const DEFAULT_GRIEVANCE: GrievanceOptions = {
  switchPenalty: { connector: 0.8, inner: 1.2, sentence: 1.5, comma: 2.2 },
  smoothing: 0.02,
  fullWeightLength: 1,
  noneLabel: 'none',
};

export interface Grievance {
  label: string;
  /** Clause range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
}

/**
 * Labels each clause with a complaint category so that the sequence explains the clauses best:
 * the sum over clauses of log q(category | clause), where q is the clause's classification
 * restricted to the complaint categories (so a "你好" or "我跟你说" fragment, which the model
 * calls none, has no preference and sides with its neighbours), minus a penalty for every change
 * of category. Viterbi over (clause, category); runs of one category are the grievances.
 */
export function segmentGrievances(
  clauses: Clause[],
  readings: ClauseReading[],
  labels: string[],
  options: Partial<GrievanceOptions> = {},
): Grievance[] {
  const opt = { ...DEFAULT_GRIEVANCE, ...options };
  const n = clauses.length;
  const cats = labels.map((l, i) => (l === opt.noneLabel ? -1 : i)).filter((i) => i >= 0);
  const K = cats.length;
  if (n === 0 || K === 0) return [];
  const score = new Float64Array(n * K);
  const back = new Int32Array(n * K);
  const q = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const weight = Math.min(1, contentLength(clauses[i].text) / opt.fullWeightLength);
    const b = clauses[i].boundary;
    const penalty = b === 'start' ? 0 : opt.switchPenalty[b];
    let z = 0;
    for (let k = 0; k < K; k++) {
      q[k] = readings[i].probs[cats[k]] + opt.smoothing;
      z += q[k];
    }
    for (let k = 0; k < K; k++) {
      const emit = weight * Math.log(q[k] / z);
      if (i === 0) {
        score[k] = emit;
        continue;
      }
      let bestPrev = 0;
      let bestScore = -Infinity;
      for (let p = 0; p < K; p++) {
        const s = score[(i - 1) * K + p] - (p === k ? 0 : penalty);
        if (s > bestScore) {
          bestScore = s;
          bestPrev = p;
        }
      }
      score[i * K + k] = bestScore + emit;
      back[i * K + k] = bestPrev;
    }
  }
  let k = 0;
  for (let c = 1; c < K; c++) if (score[(n - 1) * K + c] > score[(n - 1) * K + k]) k = c;
  const path = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = k;
    k = back[i * K + k];
  }
  const groups: Grievance[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[cats[path[i]]];
    const last = groups[groups.length - 1];
    if (last && last.label === label) {
      last.to = i + 1;
      last.end = clauses[i].end;
    } else groups.push({ label, from: i, to: i + 1, start: clauses[i].start, end: clauses[i].end });
  }
  return groups;
}
