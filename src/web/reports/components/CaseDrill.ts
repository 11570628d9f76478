import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DrillRow } from '../../../reports/caseDrill';
import { ApiError } from '../../agent/api';
import { channelLabel, formatTime, STATUS_LABELS } from '../../agent/format';
import type { ReportsApi } from '../api';
import { drillTitle, labelOfCategory, type DrillFilter } from '../drill';

/**
 * The cases behind a figure, in a dialog over the page: the first page at once, more on
 * request (加载更多), Esc or 关闭 to go back. Phone numbers come masked from the server.
 */
export function CaseDrill({ api, filter, onClose }: { api: ReportsApi; filter: DrillFilter; onClose(): void }) {
  const [rows, setRows] = useState<DrillRow[]>([]);
  const [total, setTotal] = useState<number | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.cases(filter, cursor);
      setRows((before) => (cursor ? [...before, ...page.cases] : page.cases));
      setTotal(page.total);
      setNext(page.next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '明细没有加载成功，请稍后再试。');
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setRows([]);
    setTotal(undefined);
    void load();
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [filter]);

  const title = drillTitle(filter);
  return html`
    <div class="drill-backdrop" onClick=${(e: Event) => e.target === e.currentTarget && onClose()}>
      <section class="drill card" role="dialog" aria-modal="true" aria-labelledby="drill-title">
        <header class="drill__head">
          <h2 id="drill-title">工单明细</h2>
          <span class="muted">${title}${total === undefined ? '' : ` · 共 ${total} 件`}</span>
          <button type="button" class="btn" ref=${closeButton} onClick=${onClose}>关闭</button>
        </header>
        ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
        <table class="table">
          <thead>
            <tr>
              ${['工单号', '类别', '渠道', '状态', '处理人', '受理时间', '首次响应', '办结时间', '及时', '手机'].map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${
              rows.length
                ? rows.map(
                    (r) =>
                      html`<tr data-ticket=${r.ticketId}>
                        <th scope="row">${r.ticketId}</th>
                        <td>${labelOfCategory(r.category)}</td>
                        <td>${channelLabel(r.channel)}</td>
                        <td>${STATUS_LABELS[r.status] ?? r.status}</td>
                        <td>${r.owner ? `${r.owner.username}${r.owner.agentNo ? `（${r.owner.agentNo}号）` : ''}` : '—'}</td>
                        <td>${formatTime(r.acceptedAt)}</td>
                        <td>${r.firstResponseAt ? formatTime(r.firstResponseAt) : '—'}</td>
                        <td>${r.resolvedAt ? formatTime(r.resolvedAt) : '—'}</td>
                        <td>${r.onTime === null ? '待定' : r.onTime ? '是' : '否'}</td>
                        <td>${r.phone ?? '—'}</td>
                      </tr>`,
                  )
                : html`<tr>
                    <td colspan="10" class="empty">${loading ? '正在加载…' : '没有符合条件的工单。'}</td>
                  </tr>`
            }
          </tbody>
        </table>
        ${next ? html`<button type="button" class="btn btn--block" disabled=${loading} onClick=${() => load(next)}>${loading ? '正在加载…' : '加载更多'}</button>` : null}
      </section>
    </div>
  `;
}
