import { html } from 'htm/preact';
import { useMemo } from 'preact/hooks';
import { WECHAT_LOGIN_LABELS, WECHAT_ROLE_LABELS } from '../format';
import type { Overview, WechatStatus } from '../model';
import { qrPath } from '../qr';

function QrCode({ value }: { value: string }) {
  const qr = useMemo(() => qrPath(value), [value]);
  if (!qr) return html`<p class="muted">二维码无法显示，请在服务器日志中查看登录二维码。</p>`;
  const quiet = 4;
  const size = qr.size + quiet * 2;
  return html`
    <svg
      class="qr"
      viewBox=${`${-quiet} ${-quiet} ${size} ${size}`}
      width="168"
      height="168"
      role="img"
      aria-label="微信登录二维码"
      shape-rendering="crispEdges"
    >
      <rect x=${-quiet} y=${-quiet} width=${size} height=${size} fill="#fff" />
      <path d=${qr.d} fill="#000" />
    </svg>
  `;
}

function Wechat({ wechat }: { wechat?: WechatStatus }) {
  if (!wechat) return html`<p class="muted">微信状态暂不可用。</p>`;
  if (!wechat.enabled) return html`<p data-wechat="off"><span class="dot dot--off"></span>微信渠道未启用</p>`;
  const login = wechat.login ?? 'logged-out';
  const ok = login === 'logged-in';
  return html`
    <div data-wechat=${login}>
      <p class="overview__line">
        <span class=${`dot ${ok ? 'dot--ok' : login === 'scan-qr' ? 'dot--warn' : 'dot--off'}`}></span>
        <strong>${WECHAT_LOGIN_LABELS[login] ?? login}</strong>
        ${ok && wechat.user ? html`<span class="muted">（${wechat.user}）</span>` : null}
      </p>
      ${wechat.role ? html`<p class="muted overview__small">${WECHAT_ROLE_LABELS[wechat.role] ?? wechat.role}</p>` : null}
      ${
        login === 'scan-qr'
          ? wechat.qrcodeUrl
            ? html`<figure class="overview__qr">
                <${QrCode} value=${wechat.qrcodeUrl} />
                <figcaption>请用服务号绑定的手机微信扫码登录</figcaption>
              </figure>`
            : html`<p class="muted overview__small">等待扫码：二维码请在服务器日志中查看。</p>`
          : null
      }
      ${wechat.lastError ? html`<p class="notice notice--error overview__small">最近错误：${wechat.lastError}</p>` : null}
    </div>
  `;
}

/** 值班概览: the WeChat login and each agent's load. */
export function OverviewPanel({ overview, error }: { overview?: Overview; error?: string }) {
  const agents = overview ? [...overview.agents].sort((a, b) => b.openCases - a.openCases || a.username.localeCompare(b.username)) : [];
  const max = Math.max(1, ...agents.map((a) => a.openCases));
  return html`
    <aside class="overview" aria-labelledby="overview-title">
      <h2 id="overview-title">值班概览</h2>
      ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
      <section aria-labelledby="wechat-title">
        <h3 id="wechat-title">微信登录状态</h3>
        ${overview ? html`<${Wechat} wechat=${overview.wechat} />` : html`<p class="muted">正在加载…</p>`}
      </section>
      <section aria-labelledby="load-title">
        <h3 id="load-title">客服负载</h3>
        ${overview && agents.length === 0 ? html`<p class="muted">还没有客服账号。</p>` : null}
        <ul class="loads" aria-labelledby="load-title">
          ${agents.map(
            (a) =>
              html`<li class="load" data-agent=${a.username} key=${a.username}>
                <span class="load__name">${a.username}${a.agentNo ? html` <span class="muted">${a.agentNo} 号</span>` : null}</span>
                <span class="load__bar" aria-hidden="true"><span style=${{ width: `${(a.openCases / max) * 100}%` }}></span></span>
                <span class="load__count" data-open=${a.openCases}>${a.openCases} 单</span>
              </li>`,
          )}
        </ul>
      </section>
    </aside>
  `;
}
