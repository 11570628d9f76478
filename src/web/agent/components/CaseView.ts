import { html } from 'htm/preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { categoryLabel, formatClock, formatTime, SIGNAL_LABELS, SLOT_LABELS, SPEAKER_LABELS, STATUS_LABELS, URGENT_MS } from '../format';
import { useNow } from '../hooks';
import type { AttachmentKind, CaseAttachment, CaseDetail, SlotValue, TranscriptEntry } from '../model';
import { ChannelBadge } from './ChannelBadge';

/** The countdown to a deadline: red under ten minutes, and says so plainly once it has passed. */
export function Countdown({ due, label }: { due: string; label: string }) {
  const now = useNow();
  const left = Date.parse(due) - now;
  if (!Number.isFinite(left)) return null;
  const state = left <= 0 ? 'overdue' : left < URGENT_MS ? 'urgent' : 'ok';
  const text = left <= 0 ? `已超时 ${formatClock(left)}` : `剩余 ${formatClock(left)}`;
  return html`
    <span class=${`countdown countdown--${state}`} data-state=${state} title=${`${label}时限：${formatTime(due, now)}`}>
      <span class="countdown__label">${label}</span>
      <span class="countdown__value" role="timer" aria-label=${`${label}${text}`}>${text}</span>
    </span>
  `;
}

function Bubble({ entry, now }: { entry: TranscriptEntry; now: number }) {
  const who = entry.from === 'agent' && entry.by ? `${SPEAKER_LABELS.agent} ${entry.by}` : SPEAKER_LABELS[entry.from];
  return html`
    <li class=${`bubble bubble--${entry.from}`} data-from=${entry.from}>
      <span class="bubble__who">${who}${entry.at ? html` · <time datetime=${entry.at}>${formatTime(entry.at, now)}</time>` : null}</span>
      <p class="bubble__text">${entry.text}</p>
    </li>
  `;
}

/** The conversation, oldest first; `label` names it where two can be on screen (an earlier case over the open one). */
export function Transcript({ entries, label = '对话记录' }: { entries: TranscriptEntry[]; label?: string }) {
  const ref = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const now = Date.now();
  // Follow new lines unless the agent scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [entries.length]);
  const onScroll = () => {
    const el = ref.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  return html`
    <ol class="transcript" ref=${ref} onScroll=${onScroll} role="log" aria-live="polite" aria-label=${label} tabindex="0">
      ${entries.length === 0 ? html`<li class="transcript__empty">还没有对话。</li>` : entries.map((e, i) => html`<${Bubble} key=${i} entry=${e} now=${now} />`)}
    </ol>
  `;
}

export interface RevealState {
  values: Record<string, string>;
  pending: Record<string, boolean>;
}

function SlotRow({
  slot,
  reveal,
  onReveal,
  onHide,
}: {
  slot: SlotValue;
  reveal: RevealState;
  onReveal(field: string): void;
  onHide(field: string): void;
}) {
  const label = SLOT_LABELS[slot.field] ?? slot.field;
  const shown = reveal.values[slot.field];
  return html`
    <div class="slot">
      <dt>${label}</dt>
      <dd>
        <span class=${shown !== undefined ? 'slot__value slot__value--shown' : 'slot__value'} data-field=${slot.field}
          >${shown ?? slot.value}</span
        >
        ${
          slot.revealable && shown === undefined
            ? html`<button
                type="button"
                class="btn btn--small"
                disabled=${reveal.pending[slot.field]}
                aria-label=${`显示${label}`}
                title="查看完整信息（每次查看都会记录备查）"
                onClick=${() => onReveal(slot.field)}
              >
                显示
              </button>`
            : null
        }
        ${shown !== undefined ? html`<button type="button" class="btn btn--small btn--ghost" aria-label=${`隐藏${label}`} onClick=${() => onHide(slot.field)}>隐藏</button>` : null}
      </dd>
    </div>
  `;
}

/** First response: a countdown until an agent has answered, then whether it was in time. */
function FirstResponse({ detail }: { detail: CaseDetail }) {
  const due = detail.deadlines.responseDueAt;
  if (!due) return null;
  const first = detail.transcript.find((t) => t.from === 'agent');
  if (first) {
    const late = Date.parse(first.at) > Date.parse(due);
    return html`<span class=${`countdown countdown--${late ? 'late' : 'done'}`}>首次响应 ${late ? '已超时完成' : '已按时完成'}</span>`;
  }
  if (detail.status === 'resolved') return null;
  return html`<${Countdown} due=${due} label="首次响应" />`;
}

export function CaseHeader({ detail, me }: { detail: CaseDetail; me: string }) {
  const ownerName = detail.owner ? `${detail.owner}${detail.ownerAgentNo ? `（${detail.ownerAgentNo} 号）` : ''}` : '';
  const owner = detail.owner ? (detail.owner === me ? `${ownerName} · 我` : ownerName) : '尚未接单';
  return html`
    <header class="case-header">
      <div class="case-header__title">
        <h2 id="case-title">工单 <span class="case-header__ticket">${detail.ticketId}</span></h2>
        <span class="chip chip--category">${categoryLabel(detail.category)}</span>
        <span class=${`chip chip--status chip--${detail.status}`} data-status=${detail.status}
          >${STATUS_LABELS[detail.status] ?? detail.status}</span
        >
        <${ChannelBadge} channel=${detail.channel} />
        ${detail.escalationRisk ? html`<span class="badge badge--risk">升级风险</span>` : null}
      </div>
      <div class="case-header__facts">
        <span>处理人：<strong data-owner>${owner}</strong></span>
        ${detail.queuePosition && detail.status === 'queued' ? html`<span>排队第 ${detail.queuePosition} 位</span>` : null}
        <${FirstResponse} detail=${detail} />
      </div>
      ${
        detail.signals.length
          ? html`<p class="case-header__signals" aria-label="需要注意">
              ${detail.signals.map((s) => html`<span class="chip chip--signal">${SIGNAL_LABELS[s] ?? s}</span>`)}
            </p>`
          : null
      }
    </header>
  `;
}

export interface CaseDetailsProps {
  detail: CaseDetail;
  reveal: RevealState;
  onReveal(field: string): void;
  onHide(field: string): void;
}

export function CaseDetails({ detail, reveal, onReveal, onHide }: CaseDetailsProps) {
  const r = detail.resolution;
  return html`
    <section class="details" aria-label="投诉信息">
      ${detail.agentSummary || detail.summary ? html`<p class="details__summary">${detail.agentSummary || detail.summary}</p>` : null}
      ${
        r
          ? html`<dl class="details__resolution" aria-label="办结结果">
              <div>
                <dt>原因</dt>
                <dd>${r.cause}</dd>
              </div>
              <div>
                <dt>解决方案</dt>
                <dd>${r.solution}</dd>
              </div>
              ${
                r.compensation
                  ? html`<div>
                      <dt>补偿</dt>
                      <dd>${r.compensation}</dd>
                    </div>`
                  : null
              }
            </dl>`
          : null
      }
      <div class="details__grid">
        <div>
          <h3 id="issues-title">投诉事项</h3>
          ${
            detail.issues.length === 0
              ? html`<p class="muted">客户还没有说明具体问题。</p>`
              : html`<ol class="issues" aria-labelledby="issues-title">
                  ${detail.issues.map(
                    (issue) =>
                      html`<li>
                        <span class="chip chip--category">${categoryLabel(issue.category)}</span>
                        <span class="issues__text">${issue.text}</span>
                        ${
                          Object.keys(issue.answers).length
                            ? html`<dl class="issues__answers">
                                ${Object.entries(issue.answers).map(
                                  ([k, v]) =>
                                    html`<div>
                                      <dt>${SLOT_LABELS[k] ?? k}</dt>
                                      <dd>${v}</dd>
                                    </div>`,
                                )}
                              </dl>`
                            : null
                        }
                      </li>`,
                  )}
                </ol>`
          }
        </div>
        <div>
          <h3 id="slots-title">客户信息</h3>
          ${
            detail.slots.length === 0
              ? html`<p class="muted">客户还没有提供号码、金额等信息。</p>`
              : html`<dl class="slots" aria-labelledby="slots-title">
                  ${detail.slots.map((slot) => html`<${SlotRow} key=${slot.field} slot=${slot} reveal=${reveal} onReveal=${onReveal} onHide=${onHide} />`)}
                </dl>`
          }
        </div>
      </div>
    </section>
  `;
}

export function CaseTranscript({ detail }: { detail: CaseDetail }) {
  return html`<${Transcript} entries=${detail.transcript} />`;
}

export const ATTACHMENT_LABELS: Record<AttachmentKind, string> = {
  image: '图片',
  voice: '语音',
  video: '视频',
  file: '文件',
  sticker: '表情',
  link: '链接',
  other: '附件',
};

export interface CaseAttachmentsProps {
  attachments: CaseAttachment[];
  /** Indexes being loaded right now. */
  pending: Record<number, boolean>;
  onOpen(index: number): void;
}

/** 附件: what the customer sent, with 查看 for what can be opened (every look is audited). */
export function CaseAttachments({ attachments, pending, onOpen }: CaseAttachmentsProps) {
  if (attachments.length === 0) return null;
  const now = Date.now();
  return html`
    <section class="attachments" aria-labelledby="attachments-title">
      <h3 id="attachments-title">附件 <span class="muted">(${attachments.length})</span></h3>
      <ul class="attachments__list">
        ${attachments.map((a: CaseAttachment) => {
          const label = ATTACHMENT_LABELS[a.kind] ?? '附件';
          const name = a.name && a.name !== label ? a.name : '';
          return html`<li class="attachments__item" key=${a.index} data-kind=${a.kind} data-index=${a.index}>
            <span class="chip">${label}</span>
            ${name ? html`<span class="attachments__name">${name}</span>` : null}
            ${a.receivedAt ? html`<time class="muted" datetime=${a.receivedAt}>${formatTime(a.receivedAt, now)}</time>` : null}
            ${
              a.viewable
                ? html`<button
                    type="button"
                    class="btn btn--small"
                    disabled=${pending[a.index]}
                    aria-label=${`查看${label}${name ? ` ${name}` : ''}`}
                    title="在新标签页打开（每次查看都会记录备查）"
                    onClick=${() => onOpen(a.index)}
                  >
                    ${pending[a.index] ? '打开中…' : '查看'}
                  </button>`
                : html`<span class="muted" title="该渠道没有保存文件">无法查看</span>`
            }
          </li>`;
        })}
      </ul>
    </section>
  `;
}
