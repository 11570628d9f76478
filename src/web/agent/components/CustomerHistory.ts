import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { categoryLabel, formatTime, STATUS_LABELS } from '../format';
import type { HistoryCase } from '../model';
import { ChannelBadge } from './ChannelBadge';
import { EarlierCaseDialog } from './EarlierCase';

/**
 * 客户历史工单: the same customer's other cases (same id, or the same phone number on any
 * channel), so the agent knows before answering that this is the third call about one bill.
 * Read-only and masked by the server; shown only when there is something to show. 查看 opens
 * one of them read-only (EarlierCaseDialog).
 */
export function CustomerHistory({ api, caseId }: { api: Api; caseId: string }) {
  const [rows, setRows] = useState<HistoryCase[] | undefined>(undefined);
  const [viewing, setViewing] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setRows(undefined);
    // A history that cannot be loaded just stays hidden: the case itself is what the agent needs.
    api.history(caseId).then(
      (found) => current && setRows(found),
      () => current && setRows([]),
    );
    return () => {
      current = false;
    };
  }, [api, caseId]);
  if (!rows || rows.length === 0) return null;
  const now = Date.now();
  return html`
    <details class="history" open=${rows.some((r) => r.linked)}>
      <summary>
        客户历史工单
        <span class="muted">(${rows.length})</span
        >${rows.some((r) => r.linked) ? html` <span class="chip chip--signal">重复投诉</span>` : null}
      </summary>
      <ol class="history__list" aria-label="客户历史工单">
        ${rows.map(
          (r) =>
            html`<li class="history__item" key=${r.id} data-ticket=${r.ticketId}>
              <div class="history__head">
                <strong>${r.ticketId}</strong>
                <span class="chip chip--category">${categoryLabel(r.category)}</span>
                <span class=${`chip chip--status chip--${r.status}`}>${STATUS_LABELS[r.status] ?? r.status}</span>
                <${ChannelBadge} channel=${r.channel} />
                ${r.linked ? html`<span class="chip chip--signal">同一问题</span>` : null}
                ${r.acceptedAt ? html`<time class="muted" datetime=${r.acceptedAt}>${formatTime(r.acceptedAt, now)}</time>` : null}
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-haspopup="dialog"
                  aria-label=${`查看历史工单 ${r.ticketId}`}
                  onClick=${() => setViewing(r.id)}
                >
                  查看
                </button>
              </div>
              ${r.preview ? html`<p class="history__preview">${r.preview}</p>` : null}
              ${r.solution ? html`<p class="history__result">处理结果：${r.solution}</p>` : null}
              ${r.satisfaction !== undefined ? html`<p class="history__result">满意度：${r.satisfaction} 分</p>` : null}
            </li>`,
        )}
      </ol>
    </details>
    <${EarlierCaseDialog} api=${api} caseId=${caseId} earlierId=${viewing} onClose=${() => setViewing(undefined)} />
  `;
}
