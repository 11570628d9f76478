import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { categoryLabel, channelLabel, formatDuration, STATUS_LABELS, URGENT_MS } from '../format';
import { useNow } from '../hooks';
import { ChannelBadge } from './ChannelBadge';
import type { CaseSummary } from '../model';
import type { Unread } from '../notices';

export interface QueueProps {
  queued: CaseSummary[];
  mine: CaseSummary[];
  /** Heading of the second list: 我的会话 for agents, 处理中 for supervisors (everyone's). */
  mineTitle: string;
  selectedId?: string;
  loaded: boolean;
  onSelect(id: string): void;
  /** Cases offered to me by auto-assignment and not taken yet. */
  offered?: ReadonlySet<string>;
  /** Unread notices per case (offers, customer lines, whispers), cleared when the case is opened. */
  unread?: Unread;
  /** The waiting list's filters, shown above it; `filtered` says they narrow it now. */
  filters?: ComponentChildren;
  filtered?: boolean;
}

interface ItemMarks {
  now: number;
  offered?: ReadonlySet<string>;
  unread?: Unread;
}

function QueueItem({
  item,
  selected,
  onSelect,
  marks,
}: {
  item: CaseSummary;
  selected: boolean;
  onSelect(id: string): void;
  marks: ItemMarks;
}) {
  const { now } = marks;
  const offered = marks.offered?.has(item.id) ?? false;
  const unread = marks.unread?.[item.id]?.count ?? 0;
  const channel = channelLabel(item.channel);
  const waited = item.waitingSince ? now - Date.parse(item.waitingSince) : undefined;
  // Time left for the first response, for cases no agent has answered yet.
  const due = item.responseDueAt && item.status !== 'active' ? Date.parse(item.responseDueAt) - now : undefined;
  const name = `${item.ticketId}，${categoryLabel(item.category)}，${channel}${item.escalationRisk ? '，有升级风险' : ''}${unread ? `，${unread} 条新提醒` : ''}`;
  return html`
    <li>
      <button
        type="button"
        class=${`queue-item${selected ? ' queue-item--selected' : ''}${item.escalationRisk ? ' queue-item--risk' : ''}`}
        aria-current=${selected ? 'true' : undefined}
        aria-label=${name}
        data-case-id=${item.id}
        data-ticket=${item.ticketId}
        onClick=${() => onSelect(item.id)}
      >
        <span class="queue-item__top">
          <span class="queue-item__ticket">${item.ticketId}</span>
          ${unread ? html`<span class="badge badge--unread" data-unread=${unread} title="新工单、客户新消息或主管悄悄话，打开工单后清除">${unread > 99 ? '99+' : unread}</span>` : null}
          ${offered ? html`<span class="badge badge--offer" title="系统按负载分配给您，请尽快接单">分配给您</span>` : null}
          ${item.escalationRisk ? html`<span class="badge badge--risk" title="客户情绪激动或扬言升级投诉">升级风险</span>` : null}
          ${
            due === undefined || item.status === 'resolved'
              ? null
              : due <= 0
                ? html`<span class="badge badge--risk">已超时</span>`
                : due < URGENT_MS
                  ? html`<span class="badge badge--priority">即将超时</span>`
                  : null
          }
        </span>
        <span class="queue-item__meta">
          <span class="chip chip--category">${categoryLabel(item.category)}</span>
          <${ChannelBadge} channel=${item.channel} />
          ${item.status !== 'queued' ? html`<span class="chip">${STATUS_LABELS[item.status] ?? item.status}${item.owner ? ` · ${item.owner}` : ''}</span>` : null}
        </span>
        ${item.summary ? html`<span class="queue-item__summary">${item.summary}</span>` : null}
        ${
          waited !== undefined && Number.isFinite(waited)
            ? html`<span class=${`queue-item__wait${waited > 10 * 60_000 ? ' queue-item__wait--long' : ''}`}
                >已等待 ${formatDuration(waited)}</span
              >`
            : null
        }
      </button>
    </li>
  `;
}

function QueueList({
  title,
  id,
  items,
  selectedId,
  onSelect,
  empty,
  marks,
  children,
}: {
  title: string;
  id: string;
  items: CaseSummary[];
  selectedId?: string;
  onSelect(id: string): void;
  empty: string;
  marks: ItemMarks;
  children?: ComponentChildren;
}) {
  return html`
    <section class="queue__section" aria-labelledby=${id}>
      <h2 class="queue__title" id=${id}>${title} <span class="count" aria-label=${`${items.length} 张`}>${items.length}</span></h2>
      ${children}
      ${
        items.length === 0
          ? html`<p class="queue__empty">${empty}</p>`
          : html`<ul class="queue__list" aria-labelledby=${id}>
              ${items.map((item) => html`<${QueueItem} key=${item.id} item=${item} selected=${item.id === selectedId} onSelect=${onSelect} marks=${marks} />`)}
            </ul>`
      }
    </section>
  `;
}

export function Queue({ queued, mine, mineTitle, selectedId, loaded, onSelect, offered, unread, filters, filtered }: QueueProps) {
  const now = useNow();
  const marks: ItemMarks = { now, offered, unread };
  return html`
    <nav class="queue" aria-label="工单队列">
      <${QueueList}
        title="待接单"
        id="queue-waiting"
        items=${queued}
        selectedId=${selectedId}
        onSelect=${onSelect}
        marks=${marks}
        empty=${!loaded ? '正在加载…' : filtered ? '没有符合筛选条件的客户。' : '暂时没有等待接单的客户。'}
      >${filters}</${QueueList}>
      <${QueueList}
        title=${mineTitle}
        id="queue-mine"
        items=${mine}
        selectedId=${selectedId}
        onSelect=${onSelect}
        marks=${{ now, unread }}
        empty=${loaded ? '还没有正在处理的会话。' : '正在加载…'}
      />
    </nav>
  `;
}
