import { html } from 'htm/preact';
import { channelLabel } from '../format';

/** Small line icons (no emoji: fonts differ between agents' machines). */
const ICONS: Record<string, string> = {
  // A globe: the web chat on the operator's site.
  web: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm0 0c1.8 1.7 2.7 4 2.7 6.5S9.8 12.8 8 14.5M8 1.5C6.2 3.2 5.3 5.5 5.3 8s.9 4.8 2.7 6.5M1.8 6h12.4M1.8 10h12.4',
  // Two speech bubbles: WeChat.
  wechat:
    'M6.5 2.5C3.7 2.5 1.5 4.3 1.5 6.6c0 1.3.7 2.4 1.8 3.2l-.4 1.7 2-1c.5.1 1 .2 1.6.2M9.6 6.2c2.7 0 4.9 1.7 4.9 3.8 0 1.1-.6 2.1-1.6 2.8l.3 1.5-1.8-.9c-.6.2-1.2.2-1.8.2-2.7 0-4.9-1.7-4.9-3.8s2.2-3.6 4.9-3.6Z',
};

export function ChannelBadge({ channel }: { channel: string }) {
  const label = channelLabel(channel);
  const d = ICONS[channel] ?? 'M3 8h10';
  return html`<span class="chip chip--channel" title=${`来自${label}`}>
    <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d=${d} fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
    ${label}
  </span>`;
}
