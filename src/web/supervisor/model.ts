/**
 * What the supervisor view reads from the supervision API, as the browser sees it. Like the
 * console's model.ts, the page keeps its own copy of the shapes and reads every answer through
 * these normalisers: a missing optional field degrades one cell instead of breaking the board.
 */
import type { ConversationRow } from '../../supervision/conversationShapes';
import type { CaseStatus, Wire } from '../agent/model';

/** A case's status, or 'bot': a customer talking to the bot with no case yet. */
export type FloorStatus = CaseStatus | 'bot';

export interface Conversation {
  id: string;
  /** The ticket; for a 'bot' row (no case yet) the row id, never shown. */
  ticketId: string;
  /** False for a customer talking to the bot with no case yet: nothing to open, take over or assign. */
  hasCase: boolean;
  category?: string;
  status: FloorStatus;
  channel: string;
  owner?: string;
  /** Seconds, as of `at` (when the answer arrived): the page ticks them on from there. */
  waitingSeconds?: number;
  agentSilentSeconds?: number;
  /** Negative once overdue. */
  deadlineSeconds?: number;
  /** Anger of the last customer messages, oldest first (0…1 or 0…n: drawn relative to the scale). */
  angerTrend: number[];
  repeat: boolean;
  /** Other tickets of the same customer, when the API counts them. */
  repeatCount?: number;
  stalled: boolean;
  /** In Chinese, as the server words them. */
  stallReasons: string[];
  score: number;
  /** Date.now() when this row was read. */
  at: number;
}

export interface AgentLoad {
  username: string;
  agentNo?: string;
  openCases: number;
  role?: string;
}

export interface WechatStatus {
  enabled: boolean;
  role?: string;
  login?: string;
  user?: string;
  qrcodeUrl?: string;
  lastError?: string;
}

export interface Overview {
  agents: AgentLoad[];
  wechat?: WechatStatus;
}

export interface StallAlert {
  key: number;
  caseId: string;
  ticketId?: string;
  reasons: string[];
  at: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : []);
const STATUSES: readonly FloorStatus[] = ['bot', 'open', 'queued', 'active', 'resolved'];

function ownerOf(v: unknown): string | undefined {
  if (isObject(v)) return str(v.username) ?? str(v.name);
  return str(v);
}

export function toConversation(raw: unknown, at = Date.now()): Conversation | undefined {
  if (!isObject(raw) || !str(raw.id)) return undefined;
  const r: Wire<ConversationRow> = raw;
  const status = str(r.status) as FloorStatus;
  const trend = Array.isArray(r.angerTrend) ? r.angerTrend.map(num).filter((n): n is number => n !== undefined) : [];
  return {
    id: str(r.id)!,
    ticketId: str(r.ticketId) ?? str(r.id)!,
    hasCase: status !== 'bot',
    category: str(r.category),
    status: STATUSES.includes(status) ? status : 'open',
    channel: str(r.channel) ?? '',
    owner: ownerOf(r.owner),
    waitingSeconds: num(r.waitingSeconds),
    agentSilentSeconds: num(r.agentSilentSeconds),
    deadlineSeconds: num(r.deadlineSeconds),
    angerTrend: trend,
    // `repeat: true`, or `repeat: {repeat, count}`.
    repeat: r.repeat === true || (isObject(r.repeat) && r.repeat.repeat === true),
    repeatCount: isObject(r.repeat) ? num(r.repeat.count) : undefined,
    stalled: r.stalled === true,
    stallReasons: strings(r.stallReasons),
    score: num(r.score) ?? 0,
    at,
  };
}

/** Most in need of a supervisor first: stall score, then the longest wait. */
export function compareConversations(a: Conversation, b: Conversation): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.stalled !== b.stalled) return a.stalled ? -1 : 1;
  return (b.waitingSeconds ?? 0) - (a.waitingSeconds ?? 0);
}

export function toConversations(raw: unknown, at = Date.now()): Conversation[] {
  const items = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.conversations) ? raw.conversations : [];
  return items
    .map((r) => toConversation(r, at))
    .filter((c): c is Conversation => c !== undefined)
    .sort(compareConversations);
}

export function toOverview(raw: unknown): Overview {
  const body = isObject(raw) ? raw : {};
  const agents = Array.isArray(body.agents)
    ? body.agents.flatMap((a): AgentLoad[] => {
        if (!isObject(a) || !str(a.username)) return [];
        return [{ username: str(a.username)!, agentNo: str(a.agentNo), openCases: num(a.openCases) ?? 0, role: str(a.role) }];
      })
    : [];
  const w = isObject(body.wechat) ? body.wechat : undefined;
  const wechat: WechatStatus | undefined = w
    ? {
        enabled: w.enabled === true,
        role: str(w.role),
        login: str(w.login),
        user: ownerOf(w.user),
        qrcodeUrl: str(w.qrcodeUrl) ?? str(w.qrcode),
        lastError: str(w.lastError),
      }
    : undefined;
  return { agents, wechat };
}

/** The live seconds of a counter read `at`, `now` ms later (counting up, or down for a deadline). */
export function tick(seconds: number | undefined, at: number, now: number, direction: 1 | -1 = 1): number | undefined {
  if (seconds === undefined) return undefined;
  return seconds + (direction * Math.max(0, now - at)) / 1000;
}
