import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';

const CHOICES: [string, string][] = [
  ['online', '在线'],
  ['busy', '忙碌'],
  ['away', '离开'],
];

/**
 * 在线 / 忙碌 / 离开 in the top bar. Only 在线 agents are offered new cases; the others keep the
 * cases they hold. Closing the last console makes an agent 离线 by itself.
 */
export function PresencePicker({ api }: { api: Api }) {
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.presence().then(setStatus, () => setStatus('online'));
  }, [api]);
  const choose = async (next: string) => {
    const before = status;
    setStatus(next);
    try {
      await api.setPresence(next);
      setFailed(false);
    } catch {
      setStatus(before);
      setFailed(true);
    }
  };
  return html`
    <label class="presence">
      <span class="presence__label">状态</span>
      <select
        class=${`presence__select presence--${status ?? 'online'}`}
        value=${status ?? 'online'}
        disabled=${status === undefined}
        onChange=${(e: Event) => void choose((e.target as HTMLSelectElement).value)}
      >
        ${CHOICES.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
      </select>
      ${failed ? html`<span class="presence__error" role="alert">状态没能保存，请重试</span>` : null}
    </label>
  `;
}
