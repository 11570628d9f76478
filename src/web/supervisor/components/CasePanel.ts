import { html } from 'htm/preact';
import { useRef } from 'preact/hooks';
import type { Api } from '../../agent/api';
import type { CaseDetail } from '../../agent/model';
import { Actions, type ResolveForm } from '../../agent/components/Actions';
import { CaseHeader, CaseTranscript } from '../../agent/components/CaseView';
import { Composer, type ComposerHandle } from '../../agent/components/Composer';
import { CaseNotes } from '../../agent/components/Notes';

export interface CasePanelProps {
  api: Api;
  me: string;
  detail?: CaseDetail;
  error?: string;
  busy: boolean;
  draft: string;
  onDraft(text: string): void;
  onSend(text: string): Promise<boolean>;
  onClaim(): void;
  onRelease(): void;
  onTransfer(to: string): Promise<string | undefined>;
  onResolve(form: ResolveForm): Promise<string | undefined>;
  onClose(): void;
}

/**
 * One conversation as the console shows it (same header, transcript and notes), with the
 * console's composer and actions once the supervisor owns the case (after 接管).
 */
export function CasePanel(props: CasePanelProps) {
  const { detail, me } = props;
  const composer = useRef<ComposerHandle | null>(null);
  const canSend = detail?.status === 'active' && detail.owner === me;
  const disabledReason = !detail
    ? undefined
    : detail.status === 'resolved'
      ? '工单已办结，不能再发送消息。'
      : canSend
        ? undefined
        : '接管后才能直接回复客户。';
  return html`
    <section class="case-panel" aria-label="会话详情">
      <div class="case-panel__bar">
        <button type="button" class="btn btn--ghost btn--small" onClick=${props.onClose}>关闭</button>
      </div>
      ${
        !detail
          ? html`<div class="placeholder">
              ${props.error ? html`<p class="notice notice--error" role="alert">${props.error}</p>` : html`<p>正在打开会话…</p>`}
            </div>`
          : html`
              <${CaseHeader} detail=${detail} me=${me} />
              ${props.error ? html`<p class="notice notice--error" role="alert">${props.error}</p>` : null}
              <${CaseNotes} notes=${detail.notes} />
              <${CaseTranscript} detail=${detail} />
              <${Composer}
                key=${detail.id}
                api=${props.api}
                caseId=${detail.id}
                text=${props.draft}
                onText=${props.onDraft}
                disabledReason=${disabledReason}
                locked=${detail.status === 'resolved'}
                onSend=${props.onSend}
                handle=${composer}
              />
              <${Actions}
                detail=${detail}
                me=${me}
                busy=${props.busy}
                onClaim=${props.onClaim}
                onRelease=${props.onRelease}
                onTransfer=${props.onTransfer}
                onResolve=${props.onResolve}
              />
            `
      }
    </section>
  `;
}
