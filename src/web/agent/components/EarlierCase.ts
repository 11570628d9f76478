import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../shared/desk';
import type { Api } from '../api';
import { categoryLabel, formatTime, STATUS_LABELS } from '../format';
import type { EarlierCase } from '../model';
import { Modal } from './Actions';
import { Transcript } from './CaseView';
import { ChannelBadge } from './ChannelBadge';

/**
 * An earlier case of the same customer, read-only: what was said, what it was about, how it
 * ended and how the customer rated it. Deliberately no composer and no actions: the case belongs
 * to its own history, and the server refuses to act on it from here anyway.
 */
export function EarlierCaseDialog({ api, caseId, earlierId, onClose }: { api: Api; caseId: string; earlierId?: string; onClose(): void }) {
  const [loaded, setLoaded] = useState<{ id: string; earlier?: EarlierCase; error?: string } | undefined>(undefined);
  useEffect(() => {
    if (!earlierId) return;
    let current = true;
    setLoaded(undefined);
    api.earlierCase(caseId, earlierId).then(
      (earlier) => current && setLoaded({ id: earlierId, earlier }),
      (err) => current && setLoaded({ id: earlierId, error: `这张历史工单暂时打不开：${messageOf(err)}` }),
    );
    return () => {
      current = false;
    };
  }, [api, caseId, earlierId]);
  const shown = loaded && loaded.id === earlierId ? loaded : undefined;
  const e = shown?.earlier;
  const now = Date.now();
  return html`
    <${Modal} open=${earlierId !== undefined} title=${e ? `历史工单 ${e.ticketId}（只读）` : '历史工单（只读）'} id="earlier-case-title" onClose=${onClose}>
      <div class="earlier" data-read-only="true">
        ${
          !shown
            ? html`<p class="muted">正在打开…</p>`
            : shown.error || !e
              ? html`<p class="notice notice--error" role="alert">${shown.error}</p>`
              : html`
                  <p class="earlier__facts">
                    <span class="chip chip--category">${categoryLabel(e.category)}</span>
                    <span class=${`chip chip--status chip--${e.status}`} data-status=${e.status}
                      >${STATUS_LABELS[e.status] ?? e.status}</span
                    >
                    <${ChannelBadge} channel=${e.channel} />
                    ${e.acceptedAt ? html`<span class="muted">受理于 <time datetime=${e.acceptedAt}>${formatTime(e.acceptedAt, now)}</time></span>` : null}
                  </p>
                  ${e.summary ? html`<p class="earlier__summary">${e.summary}</p>` : null}
                  <dl class="details__resolution" aria-label="处理结果">
                    ${
                      e.resolution
                        ? html`<div>
                              <dt>原因</dt>
                              <dd>${e.resolution.cause}</dd>
                            </div>
                            <div>
                              <dt>解决方案</dt>
                              <dd>${e.resolution.solution}</dd>
                            </div>
                            ${
                              e.resolution.compensation
                                ? html`<div>
                                    <dt>补偿</dt>
                                    <dd>${e.resolution.compensation}</dd>
                                  </div>`
                                : null
                            }`
                        : html`<div>
                            <dt>处理结果</dt>
                            <dd>尚未办结</dd>
                          </div>`
                    }
                    <div>
                      <dt>满意度</dt>
                      <dd>${e.satisfaction !== undefined ? `${e.satisfaction} 分（满分 5 分）` : '客户未评价'}</dd>
                    </div>
                  </dl>
                  <${Transcript} entries=${e.transcript} label="历史对话记录" />
                  <p class="muted earlier__hint">这是客户以前的工单，仅供查看，不能在这里回复或操作。</p>
                `
        }
      </div>
      <div class="form__buttons">
        <button type="button" class="btn btn--primary" onClick=${onClose}>关闭</button>
      </div>
    </${Modal}>
  `;
}
