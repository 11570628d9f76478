import type { Case } from '../domain/case';
import { CATEGORY_NAMES } from '../domain/category';
import type { SlotName } from '../domain/understanding';
import { priorityOf, waitingSince } from './priority';
import { toAttachmentViews, type AttachmentSourceOf } from './attachmentRefs';
import type { CaseDetail, CaseHistoryItem, CaseListItem, EarlierCaseView } from './caseShapes';
import { REASON_NAMES, SIGNAL_LABELS, SLOT_LABELS } from '../domain/labels';
import { maskForDetail, maskForList, maskSlots } from './caseMasking';

/**
 * Cases as staff screens receive them (the shapes are in caseShapes.ts). Two main shapes: a list
 * row (everything a queue needs, with personal data masked, amounts included) and a case page
 * (transcript, issues, slots, a short summary for the agent, deadlines; phone and ID numbers
 * masked until revealed).
 */

export type { CaseDetail, CaseHistoryItem, CaseListItem, EarlierCaseView } from './caseShapes';

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function toListItem(c: Case, now: Date): CaseListItem {
  return {
    id: c.id,
    ticketId: c.ticketId,
    status: c.status,
    category: c.category ?? null,
    categoryName: c.category ? CATEGORY_NAMES[c.category] : null,
    priority: priorityOf(c, now).priority,
    waitingSince: waitingSince(c),
    escalationRisk: c.escalationRisk,
    channel: c.channel,
    owner: c.owner ?? null,
    ownerAgentNo: c.ownerAgentNo ?? null,
    wantsHuman: c.wantsHuman,
    handoffReasons: c.handoffReasons ?? [],
    acceptedAt: c.acceptedAt,
    responseDueAt: c.responseDueAt,
    updatedAt: c.updatedAt,
    preview: maskForList(clip(c.summary || c.issues[0]?.text || lastCustomerLine(c) || '', 80)),
  };
}

/** What was said in a case, masked like the case page: shared by the case page and an earlier case's view. */
function spokenParts(c: Case): Pick<CaseDetail, 'summary' | 'issues' | 'transcript'> {
  return {
    summary: maskForDetail(c.summary),
    issues: c.issues.map((i) => ({
      category: i.category,
      categoryName: CATEGORY_NAMES[i.category],
      text: maskForDetail(i.text),
      answers: Object.fromEntries(Object.entries(i.answers).map(([k, v]) => [k, maskForDetail(v)])),
    })),
    transcript: c.transcript.map((t) => ({ ...t, text: maskForDetail(t.text) })),
  };
}

/** The case page; `sourceOf` tells which attachments can be opened (the channel registry knows their references). */
export function toDetail(c: Case, now: Date, sourceOf: AttachmentSourceOf, queuePosition?: number): CaseDetail {
  const { preview: _preview, ...row } = toListItem(c, now);
  const minutesLeft = Math.round((Date.parse(c.responseDueAt) - now.getTime()) / 60_000);
  return {
    ...row,
    customerId: c.customerId,
    conversationId: c.conversationId,
    agentSummary: agentSummary(c, now),
    ...spokenParts(c),
    slots: maskSlots(c.slots),
    signals: c.signals,
    anger: c.anger,
    attachments: toAttachmentViews(c, sourceOf),
    deadlines: { acceptedAt: c.acceptedAt, responseDueAt: c.responseDueAt, overdue: minutesLeft < 0, minutesLeft },
    priorityBreakdown: priorityOf(c, now),
    queuedAt: c.queuedAt ?? null,
    claimedAt: c.claimedAt ?? null,
    queuePosition: c.status === 'queued' ? (queuePosition ?? null) : null,
    resolution: c.resolution ?? null,
    notes: (c.notes ?? []).map((n) => ({ ...n, text: maskForDetail(n.text) })),
  };
}

/** The few lines an agent reads before saying anything (masked like the case page). */
export function agentSummary(c: Case, now: Date): string {
  const lines: string[] = [];
  const what = c.issues.length
    ? c.issues.map((i) => `【${CATEGORY_NAMES[i.category]}】${clip(i.text, 60)}`).join(' ')
    : `尚未说明问题${lastCustomerLine(c) ? `（最后一句：${clip(lastCustomerLine(c)!, 40)}）` : ''}`;
  lines.push(what);
  const facts = (Object.entries(maskSlots(c.slots)) as [SlotName, string][]).filter(([, v]) => v).map(([k, v]) => `${SLOT_LABELS[k]} ${v}`);
  if (facts.length) lines.push(`已知：${facts.join('，')}`);
  if (c.signals.length) lines.push(`注意：${c.signals.map((s) => SIGNAL_LABELS[s]).join('、')}`);
  if (c.handoffReasons?.length) lines.push(`转人工原因：${c.handoffReasons.map((r) => REASON_NAMES[r]).join('、')}`);
  const minutesLeft = Math.round((Date.parse(c.responseDueAt) - now.getTime()) / 60_000);
  lines.push(minutesLeft < 0 ? `首次响应已超时 ${-minutesLeft} 分钟` : `距首次响应时限还有 ${minutesLeft} 分钟`);
  if (c.status === 'queued') {
    const waited = Math.max(0, Math.round((now.getTime() - Date.parse(waitingSince(c))) / 60_000));
    lines.push(`已排队 ${waited} 分钟`);
  }
  return maskForDetail(lines.join('\n'));
}

function lastCustomerLine(c: Case): string | undefined {
  for (let i = c.transcript.length - 1; i >= 0; i--) if (c.transcript[i].from === 'customer') return c.transcript[i].text;
  return undefined;
}

/** A row of a customer's history: what an agent needs to know about an earlier case, masked. */
export function historyItem(c: Case, now: Date, of?: Case): CaseHistoryItem {
  const row = toListItem(c, now);
  return {
    id: c.id,
    ticketId: c.ticketId,
    status: c.status,
    category: row.category,
    categoryName: row.categoryName,
    channel: c.channel,
    acceptedAt: c.acceptedAt,
    preview: row.preview,
    repeat: c.repeat ?? false,
    linked: of ? (of.linkedCaseIds ?? []).includes(c.id) || (c.linkedCaseIds ?? []).includes(of.id) : false,
    resolution: c.resolution
      ? { cause: maskForList(c.resolution.cause), solution: maskForList(c.resolution.solution), resolvedAt: c.resolution.resolvedAt }
      : null,
    satisfaction: c.satisfaction?.score ?? null,
  };
}

/**
 * An earlier case of the same customer as the history panel opens it, read-only: what was said
 * and how it ended, masked like the case page. No slots, attachments or staff notes (they belong
 * to whoever handled it), and nothing in it names an action.
 */

export function earlierCaseView(c: Case, now: Date, of: Case): EarlierCaseView {
  const r = c.resolution;
  return {
    ...historyItem(c, now, of),
    readOnly: true,
    ...spokenParts(c),
    resolution: r
      ? {
          cause: maskForDetail(r.cause),
          solution: maskForDetail(r.solution),
          ...(r.compensation ? { compensation: maskForDetail(r.compensation) } : {}),
          resolvedAt: r.resolvedAt,
        }
      : null,
  };
}
