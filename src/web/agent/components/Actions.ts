import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDetail } from '../model';
import { withShortcut } from '../shortcuts';

/** A native modal dialog: focus moves in, Esc closes, the page behind is inert. */
export function Modal({
  open,
  title,
  id,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  id: string;
  onClose(): void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return html`
    <dialog ref=${ref} class="modal" aria-labelledby=${id} onClose=${onClose} onCancel=${onClose}>
      <h2 id=${id}>${title}</h2>
      ${open ? children : null}
    </dialog>
  `;
}

export interface ResolveForm {
  cause: string;
  solution: string;
  compensation?: string;
}

export interface ActionsProps {
  detail: CaseDetail;
  me: string;
  busy: boolean;
  onClaim(): void;
  onRelease(): void;
  /** Resolve to an error message to show in the form, or undefined when it worked. */
  onTransfer(to: string): Promise<string | undefined>;
  onResolve(form: ResolveForm): Promise<string | undefined>;
  /** For the page's shortcuts: opens the resolve form (false when the case is not mine to resolve). */
  handle?: { current: ActionsHandle | null };
}

export interface ActionsHandle {
  resolve(): boolean;
}

function TransferForm({ me, onDone, onCancel }: { me: string; onDone(to: string): Promise<string | undefined>; onCancel(): void }) {
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const name = to.trim().toLowerCase();
    if (!name) return setError('请输入同事的用户名。');
    if (name === me) return setError('不能转交给自己。');
    setBusy(true);
    setError(undefined);
    const problem = await onDone(name);
    setBusy(false);
    if (problem) setError(problem);
  };
  return html`
    <form class="form" onSubmit=${submit}>
      <p class="muted">转交后由该同事继续处理，客户无需重复说明情况。</p>
      ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
      <label class="field">
        <span>同事用户名</span>
        <input
          name="to"
          autocomplete="off"
          autocapitalize="off"
          spellcheck=${false}
          value=${to}
          onInput=${(e: Event) => setTo((e.target as HTMLInputElement).value)}
          required
          autofocus
        />
      </label>
      <div class="form__buttons">
        <button type="button" class="btn btn--ghost" onClick=${onCancel}>取消</button>
        <button type="submit" class="btn btn--primary" disabled=${busy}>${busy ? '转交中…' : '确认转交'}</button>
      </div>
    </form>
  `;
}

function ResolveFormView({ onDone, onCancel }: { onDone(form: ResolveForm): Promise<string | undefined>; onCancel(): void }) {
  const [cause, setCause] = useState('');
  const [solution, setSolution] = useState('');
  const [compensation, setCompensation] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!cause.trim() || !solution.trim()) return setError('请填写原因和解决方案。');
    setBusy(true);
    setError(undefined);
    const problem = await onDone({ cause: cause.trim(), solution: solution.trim(), compensation: compensation.trim() || undefined });
    setBusy(false);
    if (problem) setError(problem);
  };
  return html`
    <form class="form" onSubmit=${submit}>
      <p class="muted">办结后系统会把处理结果告知客户：原因、解决方案和补偿（如有）。</p>
      ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
      <label class="field">
        <span>原因</span>
        <textarea
          name="cause"
          rows="2"
          value=${cause}
          onInput=${(e: Event) => setCause((e.target as HTMLTextAreaElement).value)}
          required
          autofocus
        ></textarea>
      </label>
      <label class="field">
        <span>解决方案</span>
        <textarea
          name="solution"
          rows="3"
          value=${solution}
          onInput=${(e: Event) => setSolution((e.target as HTMLTextAreaElement).value)}
          required
        ></textarea>
      </label>
      <label class="field">
        <span>补偿 <span class="muted">（选填）</span></span>
        <input name="compensation" value=${compensation} onInput=${(e: Event) => setCompensation((e.target as HTMLInputElement).value)} />
      </label>
      <div class="form__buttons">
        <button type="button" class="btn btn--ghost" onClick=${onCancel}>取消</button>
        <button type="submit" class="btn btn--primary" disabled=${busy}>${busy ? '提交中…' : '确认办结'}</button>
      </div>
    </form>
  `;
}

export function Actions({ detail, me, busy, onClaim, onRelease, onTransfer, onResolve, handle }: ActionsProps) {
  const [dialog, setDialog] = useState<'transfer' | 'resolve' | undefined>();
  useEffect(() => setDialog(undefined), [detail.id]);
  useEffect(
    () => () => {
      if (handle) handle.current = null;
    },
    [handle],
  );
  const mine = detail.owner === me && detail.status === 'active';
  const claimable = detail.status === 'queued' || detail.status === 'open';
  const close = () => setDialog(undefined);
  if (handle) {
    handle.current = {
      resolve: () => {
        if (busy || !mine) return false;
        setDialog('resolve');
        return true;
      },
    };
  }
  const hint =
    detail.status === 'resolved'
      ? '这张工单已办结。'
      : mine
        ? undefined
        : detail.status === 'active'
          ? `这张工单由 ${detail.owner ?? '其他同事'} 处理中。`
          : '接单后即可回复客户。';
  return html`
    <section class="actions" aria-labelledby="actions-title">
      <h2 id="actions-title" class="visually-hidden">工单操作</h2>
      <div class="actions__buttons">
        <button type="button" class="btn btn--primary" disabled=${busy || !claimable} onClick=${onClaim} title=${withShortcut('接下这张工单', 'claim')}>接单</button>
        <button type="button" class="btn" disabled=${busy || !mine} onClick=${onRelease} title="把客户交回机器人继续受理">退回机器人</button>
        <button type="button" class="btn" disabled=${busy || !mine} onClick=${() => setDialog('transfer')} aria-haspopup="dialog">转交</button>
        <button type="button" class="btn btn--success" disabled=${busy || !mine} onClick=${() => setDialog('resolve')} aria-haspopup="dialog" title=${withShortcut('填写原因和解决方案后办结', 'resolve')}>办结</button>
      </div>
      ${hint ? html`<p class="muted actions__hint">${hint}</p>` : null}
      <${Modal} open=${dialog === 'transfer'} title="转交给同事" id="transfer-title" onClose=${close}>
        <${TransferForm} me=${me} onCancel=${close} onDone=${async (to: string) => {
          const problem = await onTransfer(to);
          if (!problem) close();
          return problem;
        }} />
      </${Modal}>
      <${Modal} open=${dialog === 'resolve'} title="办结工单" id="resolve-title" onClose=${close}>
        <${ResolveFormView} onCancel=${close} onDone=${async (form: ResolveForm) => {
          const problem = await onResolve(form);
          if (!problem) close();
          return problem;
        }} />
      </${Modal}>
    </section>
  `;
}
