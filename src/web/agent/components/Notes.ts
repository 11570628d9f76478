import { html } from 'htm/preact';
import { formatTime } from '../format';
import type { CaseNote } from '../model';

/**
 * Supervisors' whispered notes on a case (悄悄话): for staff only, never sent to the customer.
 * Shown to the owning agent in the console and to supervisors next to the transcript.
 */
export function CaseNotes({ notes, forAgent }: { notes: CaseNote[]; forAgent?: boolean }) {
  if (notes.length === 0) return null;
  const now = Date.now();
  return html`
    <section class="notes" aria-label="值班主管悄悄话">
      <h3 class="notes__title">
        值班主管悄悄话 <span class="muted">${forAgent ? '（仅您可见，客户看不到）' : '（仅同事可见，客户看不到）'}</span>
      </h3>
      <ol class="notes__list">
        ${notes.map(
          (n, i) =>
            html`<li key=${i} class="note" data-note>
              <span class="note__who"
                >${n.by ? `主管 ${n.by}` : '值班主管'}${n.at ? html` · <time datetime=${n.at}>${formatTime(n.at, now)}</time>` : null}</span
              >
              <p class="note__text">${n.text}</p>
            </li>`,
        )}
      </ol>
    </section>
  `;
}

/** Said to the agent when a supervisor took their case over: what they saw stays, nothing more comes, nothing can be sent. */
export function TakenOverBanner({ by }: { by?: string }) {
  return html`<p class="banner banner--takeover" role="alert" data-takeover>
    <strong>此工单已由值班主管${by ? ` ${by} ` : ''}接管。</strong>您不能再向客户发送消息；本页保留接管前的对话记录，之后的消息不再显示。
  </p>`;
}
