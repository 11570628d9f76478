import { html } from 'htm/preact';
import type { Notices } from '../useNotices';

/**
 * The agent's own choice of how to be told (top bar): the tone, off until switched on, and
 * desktop notifications, asked for only when the agent clicks, never on page load.
 */
export function NoticeSettings({ notices }: { notices: Notices }) {
  const { sound, setSound, desktop, askDesktop, stopDesktop } = notices;
  return html`
    <div class="notice-settings">
      <label class="notice-settings__sound" title="新工单、客户新消息或主管悄悄话到来时，播放一声短促的提示音">
        <input type="checkbox" checked=${sound} onChange=${(e: Event) => setSound((e.target as HTMLInputElement).checked)} />
        提示音
      </label>
      ${
        desktop === 'unsupported'
          ? null
          : desktop === 'blocked'
            ? html`<span class="muted notice-settings__blocked" title="如需开启，请在浏览器地址栏左侧的网站设置里允许通知"
                >桌面通知已被浏览器阻止</span
              >`
            : desktop === 'on'
              ? html`<button
                  type="button"
                  class="btn btn--ghost btn--small"
                  onClick=${stopDesktop}
                  title="不在当前页面或不在这张工单时，不再弹出桌面通知"
                >
                  关闭桌面通知
                </button>`
              : html`<button
                  type="button"
                  class="btn btn--ghost btn--small"
                  onClick=${() => void askDesktop()}
                  title="切到其他窗口时，有新工单或新消息也能及时知道"
                >
                  开启桌面通知
                </button>`
      }
    </div>
  `;
}
