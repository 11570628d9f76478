import { html } from 'htm/preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../agent/api';
import type { ResolveForm } from '../agent/components/Actions';
import type { StreamState } from '../agent/stream';

/** What the agent console and the supervisor desk share: toasts, the live-feed badge, the case in the URL. */

/** The API's own words for a failure, else a polite generic one. */
export const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : '操作没有成功，请稍后再试。');

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** Short-lived notices (at most four; errors stay 8 s, the rest 4 s) and their dismissal. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toast = useCallback((text: string, kind: Toast['kind'] = 'info') => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list.slice(-3), { id, kind, text }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 4000);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  return { toasts, toast, dismiss };
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss(id: number): void }) {
  return html`
    <div class="toasts">
      ${toasts.map(
        (t) =>
          html`<div key=${t.id} class=${`toast toast--${t.kind}`} role=${t.kind === 'error' ? 'alert' : 'status'}>
            <span>${t.text}</span>
            <button type="button" class="toast__close" aria-label="关闭提示" onClick=${() => onDismiss(t.id)}>×</button>
          </div>`,
      )}
    </div>
  `;
}

const STREAM_LABELS: Record<StreamState, string> = {
  connecting: '正在连接…',
  open: '实时更新中',
  reconnecting: '连接中断，正在重连…',
};

/** The live feed's state in the top bar. */
export function LiveStatus({ state }: { state: StreamState }) {
  return html`<span class=${`live live--${state}`} role="status" aria-live="polite" data-state=${state}>${STREAM_LABELS[state]}</span>`;
}

function caseIdFromHash(): string | undefined {
  const match = /^#case=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** The case named in the URL (`#case=<id>`), following the back and forward buttons. */
export function useCaseIdFromHash() {
  const [caseId, setCaseId] = useState<string | undefined>(caseIdFromHash);
  useEffect(() => {
    const onHash = () => setCaseId(caseIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [caseId, setCaseId] as const;
}

/** The body of POST /api/cases/:id/resolve for the resolve form (compensation only when given). */
export function resolveBody(form: ResolveForm): Record<string, unknown> {
  const body: Record<string, unknown> = { cause: form.cause, solution: form.solution };
  if (form.compensation) body.compensation = form.compensation;
  return body;
}
