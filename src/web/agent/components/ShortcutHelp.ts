import { html } from 'htm/preact';
import { SHORTCUTS } from '../shortcuts';
import { Modal } from './Actions';

/** The overlay `?` opens: every shortcut and where it works. Esc or 关闭 closes it. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return html`
    <${Modal} open=${open} title="键盘快捷键" id="shortcuts-title" onClose=${onClose}>
      <p class="muted">熟悉之后不用鼠标也能快速处理工单。正在用输入法打字时，快捷键不会生效。</p>
      <dl class="shortcuts">
        ${SHORTCUTS.map(
          (s) =>
            html`<div class="shortcuts__row" key=${s.action} data-action=${s.action}>
              <dt><kbd>${s.keys}</kbd></dt>
              <dd>${s.label}${s.where ? html` <span class="muted">（${s.where}）</span>` : null}</dd>
            </div>`,
        )}
      </dl>
      <div class="form__buttons">
        <button type="button" class="btn btn--primary" onClick=${onClose}>知道了</button>
      </div>
    </${Modal}>
  `;
}
