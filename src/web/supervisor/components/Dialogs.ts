import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { Modal } from '../../agent/components/Actions';
import type { AgentLoad, Conversation } from '../model';

/** 改派: pick an agent from the overview's list (with their current load). */
export function AssignDialog({
  target,
  agents,
  onDone,
  onClose,
}: {
  target?: Conversation;
  agents: AgentLoad[];
  onDone(agent: string): Promise<string | undefined>;
  onClose(): void;
}) {
  const choices = agents.filter((a) => a.username !== target?.owner);
  const [agent, setAgent] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const picked = agent || choices[0]?.username;
    if (!picked) return setError('请选择一位客服。');
    setBusy(true);
    setError(undefined);
    const problem = await onDone(picked);
    setBusy(false);
    if (problem) setError(problem);
  };
  return html`
    <${Modal} open=${!!target} id="assign-title" title=${target ? `改派工单 ${target.ticketId}` : '改派'} onClose=${onClose}>
      <form class="form" onSubmit=${submit}>
        <p class="muted">
          ${target?.owner ? `当前由 ${target.owner} 处理。` : '这张工单还没有客服接手。'}改派后由所选客服继续处理，客户无需重复说明。
        </p>
        ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
        ${
          choices.length === 0
            ? html`<p class="notice notice--info">没有其他可改派的客服。</p>`
            : html`<label class="field">
                <span>改派给</span>
                <select
                  name="agent"
                  value=${agent || choices[0].username}
                  onChange=${(e: Event) => setAgent((e.target as HTMLSelectElement).value)}
                >
                  ${choices.map((a) => html`<option value=${a.username}>${a.username}${a.agentNo ? `（${a.agentNo} 号）` : ''} · 在办 ${a.openCases} 单</option>`)}
                </select>
              </label>`
        }
        <div class="form__buttons">
          <button type="button" class="btn btn--ghost" onClick=${onClose}>取消</button>
          <button type="submit" class="btn btn--primary" disabled=${busy || choices.length === 0}>${busy ? '改派中…' : '确认改派'}</button>
        </div>
      </form>
    <//>
  `;
}

/** 悄悄话: a private note to the agent on the case; the customer never sees it. */
export function NoteDialog({
  target,
  onDone,
  onClose,
}: {
  target?: Conversation;
  onDone(text: string): Promise<string | undefined>;
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return setError('请输入要提醒客服的内容。');
    setBusy(true);
    setError(undefined);
    const problem = await onDone(text.trim());
    setBusy(false);
    if (problem) setError(problem);
    else setText('');
  };
  return html`
    <${Modal}
      open=${!!target}
      id="note-title"
      title=${target ? `悄悄话给 ${target.owner ?? '客服'}（工单 ${target.ticketId}）` : '悄悄话'}
      onClose=${onClose}
    >
      <form class="form" onSubmit=${submit}>
        <p class="muted">只有处理这张工单的客服能看到，客户看不到。</p>
        ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
        <label class="field">
          <span>悄悄话内容</span>
          <textarea
            name="note"
            rows="3"
            maxlength="1000"
            value=${text}
            onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </label>
        <div class="form__buttons">
          <button type="button" class="btn btn--ghost" onClick=${onClose}>取消</button>
          <button type="submit" class="btn btn--primary" disabled=${busy}>${busy ? '发送中…' : '发送悄悄话'}</button>
        </div>
      </form>
    <//>
  `;
}
