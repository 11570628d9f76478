/**
 * What the console reads from the staff API, as the browser sees it. The server's own types
 * live under src/; the page keeps its own copy of the shapes it relies on (it is bundled for
 * the browser and must not pull server code), and reads every answer through the normalisers
 * below, so a missing optional field degrades a detail of the page instead of breaking it.
 */

import type { CaseDetail as WireCaseDetail, CaseListItem as WireCaseListItem } from '../../cases/caseShapes';

export type StaffRole = 'agent' | 'supervisor';
export type CaseStatus = 'open' | 'queued' | 'active' | 'resolved';
export type Speaker = 'customer' | 'bot' | 'agent' | 'system';

export interface Session {
  token: string;
  role: StaffRole;
  username: string;
  agentNo?: string;
}

export interface CaseSummary {
  id: string;
  ticketId: string;
  category?: string;
  /** Points (src/cases/priority.ts): higher is more urgent. */
  priority: number;
  waitingSince?: string;
  /** First response due. */
  responseDueAt?: string;
  escalationRisk: boolean;
  channel: string;
  status: CaseStatus;
  owner?: string;
  ownerAgentNo?: string;
  /** One masked line: the list's preview, or the case's confirmed summary. */
  summary: string;
}

export interface TranscriptEntry {
  from: Speaker;
  text: string;
  at: string;
  /** Who wrote it, for agent lines (user name or agent number), when the API says. */
  by?: string;
}

export interface CaseIssue {
  category?: string;
  text: string;
  answers: Record<string, string>;
}

/** A fact the customer told (a slot); `revealable` ones are masked and `/reveal` shows them. */
export interface SlotValue {
  field: string;
  value: string;
  revealable: boolean;
}

export interface Resolution {
  cause: string;
  solution: string;
  compensation?: string;
  resolvedAt?: string;
  resolvedBy?: string;
}

/** A supervisor's private note to the agent on a case (悄悄话): never shown to the customer. */
export interface CaseNote {
  text: string;
  by?: string;
  at?: string;
}

export type AttachmentKind = 'image' | 'voice' | 'video' | 'file' | 'sticker' | 'link' | 'other';

/** Something the customer sent (picture, voice note, file…); opened one by one, and audited. */
export interface CaseAttachment {
  index: number;
  kind: AttachmentKind;
  name?: string;
  receivedAt?: string;
  channel?: string;
  /** False when the channel kept no copy to open. */
  viewable: boolean;
}

const ATTACHMENT_KINDS: readonly string[] = ['image', 'voice', 'video', 'file', 'sticker', 'link', 'other'];

export function toAttachments(raw: unknown): CaseAttachment[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((a, position): CaseAttachment[] => {
    if (!isObject(a)) return [];
    const index = typeof a.index === 'number' && Number.isInteger(a.index) && a.index >= 0 ? a.index : position;
    const kind = typeof a.kind === 'string' && ATTACHMENT_KINDS.includes(a.kind) ? (a.kind as AttachmentKind) : 'other';
    return [
      {
        index,
        kind,
        name: str(a.name),
        receivedAt: isTime(a.receivedAt) ? a.receivedAt : undefined,
        channel: str(a.channel),
        viewable: a.viewable === true,
      },
    ];
  });
}

export interface CaseDetail extends CaseSummary {
  transcript: TranscriptEntry[];
  /** What the customer sent, oldest first. */
  attachments: CaseAttachment[];
  issues: CaseIssue[];
  slots: SlotValue[];
  /** Deadline name → ISO time (responseDueAt, …). */
  deadlines: Record<string, string>;
  signals: string[];
  /** The few lines the service writes for the agent (what, facts, signals, why a person). */
  agentSummary?: string;
  queuePosition?: number;
  resolution?: Resolution;
  /** Supervisors' notes to the agent, oldest first (when the API includes them). */
  notes: CaseNote[];
  /** The supervisor who took the case over from its agent, when the API says so. */
  takenOverBy?: string;
}

export interface Suggestion {
  text: string;
  family: string;
}

export interface NextStep {
  key: string;
  text: string;
  done: boolean;
}

export interface Assist {
  suggestions: Suggestion[];
  nextSteps: NextStep[];
}

export interface WordingProblem {
  start: number;
  end: number;
  reason: string;
  rewrite: string;
}

export interface StaffEvent {
  resource: string;
  type: string;
  id: string;
  payload: Record<string, unknown>;
  /** Its place in the server's event stream: the console resumes from the last one (LiveStream). */
  streamId?: string;
}

type Json = Record<string, unknown>;
/**
 * An answer as it arrives: the API's own field names (src/cases/caseShapes.ts, so a renamed
 * field fails the build here instead of blanking a cell), each value still checked below.
 */
export type Wire<T> = { [K in keyof T]?: unknown };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const STATUSES: readonly CaseStatus[] = ['open', 'queued', 'active', 'resolved'];

export function isCaseStatus(value: unknown): value is CaseStatus {
  return STATUSES.includes(value as CaseStatus);
}
const SPEAKERS: readonly Speaker[] = ['customer', 'bot', 'agent', 'system'];

/** The owner may come as a user name or as a staff object. */
function ownerOf(v: unknown): string | undefined {
  if (isObject(v)) return str(v.username) ?? str(v.name) ?? str(v.id);
  return str(v) || undefined;
}

export function toCaseSummary(raw: unknown): CaseSummary | undefined {
  if (!isObject(raw) || !str(raw.id)) return undefined;
  const r: Wire<WireCaseListItem & WireCaseDetail> = raw;
  const status = str(r.status) as CaseStatus;
  return {
    id: str(r.id)!,
    ticketId: str(r.ticketId) ?? str(r.id)!,
    category: str(r.category),
    priority: typeof r.priority === 'number' && Number.isFinite(r.priority) ? r.priority : 0,
    waitingSince: str(r.waitingSince) ?? str(r.queuedAt) ?? str(r.acceptedAt),
    responseDueAt: str(r.responseDueAt),
    escalationRisk: r.escalationRisk === true,
    channel: str(r.channel) ?? '',
    status: STATUSES.includes(status) ? status : 'queued',
    owner: ownerOf(r.owner),
    ownerAgentNo: str(r.ownerAgentNo),
    summary: str(r.preview) ?? str(r.summary) ?? '',
  };
}

export function toCaseList(raw: unknown): CaseSummary[] {
  const items = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.cases) ? raw.cases : [];
  return items.map(toCaseSummary).filter((c): c is CaseSummary => c !== undefined);
}

function toTranscript(raw: unknown): TranscriptEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((e) => {
    const from = str(e.from) as Speaker;
    return {
      from: SPEAKERS.includes(from) ? from : 'system',
      text: str(e.text) ?? '',
      at: str(e.at) ?? '',
      by: ownerOf(e.by) ?? str(e.agentNo),
    };
  });
}

function toIssues(raw: unknown): CaseIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((i) => ({
    category: str(i.category),
    text: str(i.text) ?? '',
    answers: isObject(i.answers)
      ? Object.fromEntries(Object.entries(i.answers).flatMap(([k, v]) => (str(v) !== undefined ? [[k, str(v)!]] : [])))
      : {},
  }));
}

/** A value looks masked when the server starred part of it out. */
export const looksMasked = (value: string): boolean => /[*＊]{2,}/.test(value);

/** The slots the server masks on the case page and can reveal (src/cases/caseMasking.ts). */
export const REVEALABLE_FIELDS: readonly string[] = ['phone', 'idNumber'];

function toSlots(raw: unknown): SlotValue[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).flatMap(([field, v]) => {
    const value = str(v);
    if (!value) return [];
    return [{ field, value, revealable: REVEALABLE_FIELDS.includes(field) && looksMasked(value) }];
  });
}

const isTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v));

function toDeadlines(raw: Json): Record<string, string> {
  const deadlines: Record<string, string> = {};
  if (isObject(raw.deadlines)) {
    for (const [k, v] of Object.entries(raw.deadlines)) if (k.endsWith('DueAt') && isTime(v)) deadlines[k] = v;
  }
  if (!deadlines.responseDueAt && isTime(raw.responseDueAt)) deadlines.responseDueAt = raw.responseDueAt;
  return deadlines;
}

function toResolution(raw: unknown): Resolution | undefined {
  if (!isObject(raw) || !str(raw.cause) || !str(raw.solution)) return undefined;
  return {
    cause: str(raw.cause)!,
    solution: str(raw.solution)!,
    compensation: str(raw.compensation),
    resolvedAt: str(raw.resolvedAt),
    resolvedBy: str(raw.resolvedBy),
  };
}

/** A note from the API or from a 'note' push: `{text, by|author, at}`. */
export function toNote(raw: unknown): CaseNote | undefined {
  if (!isObject(raw)) return undefined;
  const text = str(raw.text) ?? str(raw.note);
  if (!text) return undefined;
  return { text, by: ownerOf(raw.by) ?? ownerOf(raw.author) ?? ownerOf(raw.from), at: str(raw.at) ?? str(raw.createdAt) };
}

export function toNotes(raw: unknown): CaseNote[] {
  return Array.isArray(raw) ? raw.map(toNote).filter((n): n is CaseNote => n !== undefined) : [];
}

/** Who took the case over: `takenOverBy`, or `takeover: {by}` / `takenOver: {by}`. */
function takenOverByOf(body: Json): string | undefined {
  const direct = ownerOf(body.takenOverBy);
  if (direct) return direct;
  for (const key of ['takeover', 'takenOver']) {
    const t = body[key];
    if (isObject(t)) return ownerOf(t.by) ?? ownerOf(t.supervisor) ?? ownerOf(t.username);
  }
  return undefined;
}

export function toCaseDetail(raw: unknown): CaseDetail | undefined {
  const body = isObject(raw) && isObject(raw.case) ? raw.case : raw;
  const summary = toCaseSummary(body);
  if (!summary || !isObject(body)) return undefined;
  const b: Wire<WireCaseDetail> = body;
  const position = Number(b.queuePosition);
  return {
    ...summary,
    summary: str(b.summary) ?? summary.summary,
    transcript: toTranscript(b.transcript),
    attachments: toAttachments(b.attachments),
    issues: toIssues(b.issues),
    slots: toSlots(b.slots),
    deadlines: toDeadlines(body),
    signals: Array.isArray(b.signals) ? b.signals.map(str).filter((s): s is string => !!s) : [],
    agentSummary: str(b.agentSummary),
    queuePosition: b.queuePosition != null && Number.isInteger(position) && position > 0 ? position : undefined,
    resolution: toResolution(b.resolution),
    notes: toNotes(b.notes),
    takenOverBy: takenOverByOf(body),
  };
}

export function toAssist(raw: unknown): Assist {
  const body = isObject(raw) ? raw : {};
  const suggestions = Array.isArray(body.suggestions)
    ? body.suggestions.flatMap((s): Suggestion[] => {
        if (typeof s === 'string') return [{ text: s, family: '' }];
        if (isObject(s) && str(s.text)) return [{ text: str(s.text)!, family: str(s.family) ?? '' }];
        return [];
      })
    : [];
  const nextSteps = Array.isArray(body.nextSteps)
    ? body.nextSteps.flatMap((s): NextStep[] => {
        if (typeof s === 'string') return [{ key: s, text: s, done: false }];
        if (isObject(s) && str(s.text)) return [{ key: str(s.id) ?? str(s.text)!, text: str(s.text)!, done: s.done === true }];
        return [];
      })
    : [];
  return { suggestions, nextSteps };
}

export function toProblems(raw: unknown, text: string): WordingProblem[] {
  const list = isObject(raw) && Array.isArray(raw.problems) ? raw.problems : [];
  return list
    .filter(isObject)
    .map((p) => ({
      start: Number(p.start),
      end: Number(p.end),
      reason: str(p.reason) ?? '',
      rewrite: str(p.rewrite) ?? '',
    }))
    .filter((p) => Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.end > p.start && p.end <= text.length)
    .sort((a, b) => a.start - b.start)
    .reduce<WordingProblem[]>((kept, p) => {
      // Overlapping spans cannot both be rewritten in place: keep the first.
      if (kept.length === 0 || p.start >= kept[kept.length - 1].end) kept.push(p);
      return kept;
    }, []);
}

export function toStaffEvent(raw: unknown): StaffEvent | undefined {
  if (!isObject(raw) || !str(raw.resource)) return undefined;
  return {
    resource: str(raw.resource)!,
    type: str(raw.type) ?? '',
    id: str(raw.id) ?? '',
    payload: isObject(raw.payload) ? raw.payload : {},
    ...(str(raw.streamId) ? { streamId: str(raw.streamId) } : {}),
  };
}

/** Most urgent first: escalation risk, then priority, then the longest wait. */
export function compareQueue(a: CaseSummary, b: CaseSummary): number {
  if (a.escalationRisk !== b.escalationRisk) return a.escalationRisk ? -1 : 1;
  if (a.priority !== b.priority) return b.priority - a.priority;
  const wa = a.waitingSince ? Date.parse(a.waitingSince) : Infinity;
  const wb = b.waitingSince ? Date.parse(b.waitingSince) : Infinity;
  return wa - wb;
}

const ENDS_CLAUSE = /[。！？!?，,；;]$/;
const STARTS_WITH_PUNCTUATION = /^[，,。.！!？?；;]/;

/**
 * The draft with one span replaced. A rewrite is a whole clause with its own punctuation, so
 * punctuation right after the span is dropped rather than doubled («…核对一下。，»).
 */
export function applyRewrite(text: string, p: WordingProblem): { text: string; caret: number; removed: number } {
  let end = p.end;
  if (ENDS_CLAUSE.test(p.rewrite) && STARTS_WITH_PUNCTUATION.test(text.slice(end))) end += 1;
  return { text: text.slice(0, p.start) + p.rewrite + text.slice(end), caret: p.start + p.rewrite.length, removed: end - p.start };
}

/** One of the customer's other cases (GET /api/cases/{id}/history), masked by the server. */
export interface HistoryCase {
  id: string;
  ticketId: string;
  status: CaseStatus;
  category?: string;
  channel: string;
  acceptedAt: string;
  preview: string;
  repeat: boolean;
  linked: boolean;
  solution?: string;
  satisfaction?: number;
}

export function toHistory(raw: unknown): HistoryCase[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): HistoryCase[] => {
    if (!isObject(item) || !str(item.id) || !str(item.ticketId)) return [];
    const status = str(item.status) as CaseStatus;
    const resolution = isObject(item.resolution) ? item.resolution : undefined;
    return [
      {
        id: str(item.id)!,
        ticketId: str(item.ticketId)!,
        status: STATUSES.includes(status) ? status : 'open',
        category: str(item.category),
        channel: str(item.channel) ?? '',
        acceptedAt: str(item.acceptedAt) ?? '',
        preview: str(item.preview) ?? '',
        repeat: item.repeat === true,
        linked: item.linked === true,
        solution: resolution ? str(resolution.solution) : undefined,
        satisfaction: typeof item.satisfaction === 'number' ? item.satisfaction : undefined,
      },
    ];
  });
}

/** An earlier case of the same customer, opened read-only from the history (GET /api/cases/{id}/history/{earlierId}). */
export interface EarlierCase extends HistoryCase {
  summary: string;
  issues: CaseIssue[];
  transcript: TranscriptEntry[];
  resolution?: Resolution;
}

export function toEarlierCase(raw: unknown): EarlierCase | undefined {
  const [row] = toHistory([raw]);
  if (!row || !isObject(raw)) return undefined;
  return {
    ...row,
    summary: str(raw.summary) ?? '',
    issues: toIssues(raw.issues),
    transcript: toTranscript(raw.transcript),
    resolution: toResolution(raw.resolution),
  };
}

/** A quick reply as the composer's "/" picker lists it. */
export interface QuickReplyItem {
  id: string;
  title: string;
  text: string;
  scope: 'shared' | 'personal';
}

export function toQuickReplies(raw: unknown): QuickReplyItem[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): QuickReplyItem[] =>
    isObject(item) && str(item.id) && str(item.title) && str(item.text)
      ? [{ id: str(item.id)!, title: str(item.title)!, text: str(item.text)!, scope: item.scope === 'shared' ? 'shared' : 'personal' }]
      : [],
  );
}
