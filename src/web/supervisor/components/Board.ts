import { html } from 'htm/preact';
import { categoryLabel, channelLabel, formatClock, formatDuration } from '../../agent/format';
import { useNow } from '../../agent/hooks';
import { FLOOR_STATUS_LABELS, URGENT_SECONDS } from '../format';
import { tick, type Conversation } from '../model';
import { Sparkline } from './Sparkline';

export interface BoardProps {
  conversations: Conversation[];
  loaded: boolean;
  me: string;
  openId?: string;
  busyId?: string;
  onOpen(id: string): void;
  onTakeover(c: Conversation): void;
  onAssign(c: Conversation): void;
  onNote(c: Conversation): void;
}

function Deadline({ c, now }: { c: Conversation; now: number }) {
  const left = tick(c.deadlineSeconds, c.at, now, -1);
  if (left === undefined) return html`<span class="muted">—</span>`;
  const state = left <= 0 ? 'overdue' : left < URGENT_SECONDS ? 'urgent' : 'ok';
  return html`<span class=${`deadline deadline--${state}`} data-state=${state} role="timer">
    ${left <= 0 ? `已超时 ${formatClock(left * 1000)}` : formatClock(left * 1000)}
  </span>`;
}

function Row({ c, now, props }: { c: Conversation; now: number; props: BoardProps }) {
  const waiting = tick(c.waitingSeconds, c.at, now);
  const silent = c.status === 'active' ? tick(c.agentSilentSeconds, c.at, now) : undefined;
  const mine = c.owner === props.me;
  const busy = props.busyId === c.id;
  const live = c.status !== 'resolved';
  return html`
    <tr
      class=${`board__row${c.stalled ? ' board__row--stalled' : ''}${props.openId === c.id ? ' board__row--open' : ''}`}
      data-case=${c.id}
      data-ticket=${c.hasCase ? c.ticketId : ''}
      data-stalled=${c.stalled ? 'true' : 'false'}
    >
      <td>
        ${
          c.hasCase
            ? html`<button type="button" class="link" onClick=${() => props.onOpen(c.id)} aria-label=${`查看工单 ${c.ticketId} 的对话`}>
                ${c.ticketId}
              </button>`
            : html`<span class="muted" title="客户正在和机器人对话，还没有形成工单">未立案</span>`
        }
        ${c.stalled ? html`<span class="badge badge--stall">卡顿</span>` : null}
      </td>
      <td><span class="chip chip--category">${categoryLabel(c.category)}</span></td>
      <td>${channelLabel(c.channel)}</td>
      <td><span class=${`chip chip--${c.status}`} data-status=${c.status}>${FLOOR_STATUS_LABELS[c.status] ?? c.status}</span></td>
      <td data-owner>${c.owner ? (mine ? `${c.owner}（我）` : c.owner) : html`<span class="muted">—</span>`}</td>
      <td class="num" data-col="waiting">${waiting === undefined ? '—' : formatDuration(waiting * 1000)}</td>
      <td class=${`num${silent !== undefined && c.stalled ? ' num--warn' : ''}`} data-col="silent">
        ${silent === undefined ? '—' : formatDuration(silent * 1000)}
      </td>
      <td class="num" data-col="deadline"><${Deadline} c=${c} now=${now} /></td>
      <td><${Sparkline} values=${c.angerTrend} /></td>
      <td>
        ${c.repeat ? html`<span class="badge badge--repeat" title=${c.repeatCount ? `该客户另有 ${c.repeatCount} 张相关工单` : '重复投诉'}>重复投诉${c.repeatCount ? ` ×${c.repeatCount}` : ''}</span>` : null}
      </td>
      <td class="board__reasons">${c.stallReasons.map((r) => html`<span class="chip chip--signal chip--reason">${r}</span>`)}</td>
      <td class="board__actions">
        ${/* A customer still with the bot and no case yet: on the board, but nothing to open or act on. */ ''}
        ${c.hasCase ? html`<${Actions} c=${c} props=${props} busy=${busy} live=${live} mine=${mine} />` : html`<span class="muted" title="还没有工单，无法接管或改派">—</span>`}
      </td>
    </tr>
  `;
}

function Actions({ c, props, busy, live, mine }: { c: Conversation; props: BoardProps; busy: boolean; live: boolean; mine: boolean }) {
  return html`
    <button
      type="button"
      class="btn btn--small btn--danger"
      disabled=${busy || !live || mine}
      onClick=${() => props.onTakeover(c)}
      aria-label=${`接管 ${c.ticketId}`}
    >
      接管
    </button>
    <button
      type="button"
      class="btn btn--small"
      disabled=${busy || !live}
      onClick=${() => props.onAssign(c)}
      aria-haspopup="dialog"
      aria-label=${`改派 ${c.ticketId}`}
    >
      改派
    </button>
    <button
      type="button"
      class="btn btn--small"
      disabled=${busy || !c.owner || mine || !live}
      onClick=${() => props.onNote(c)}
      aria-haspopup="dialog"
      aria-label=${`给 ${c.ticketId} 的客服发悄悄话`}
      title=${c.owner ? '只有处理这张工单的客服能看到' : '工单还没有客服接手'}
    >
      悄悄话
    </button>
  `;
}

/** Every live conversation, the most in need of a supervisor first; the counters tick every second. */
export function Board(props: BoardProps) {
  const now = useNow();
  const { conversations, loaded } = props;
  return html`
    <section class="board" aria-labelledby="board-title">
      <h2 id="board-title">全部会话 <span class="count">${conversations.length}</span> <span class="muted">按卡顿程度排序</span></h2>
      <div class="board__scroll">
        <table class="board__table" aria-labelledby="board-title">
          <thead>
            <tr>
              <th scope="col">工单</th>
              <th scope="col">类别</th>
              <th scope="col">渠道</th>
              <th scope="col">状态</th>
              <th scope="col">处理人</th>
              <th scope="col">等待时长</th>
              <th scope="col">客服沉默</th>
              <th scope="col">剩余时限</th>
              <th scope="col">情绪趋势</th>
              <th scope="col">重复投诉</th>
              <th scope="col">卡顿原因</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            ${
              conversations.length === 0
                ? html`<tr>
                    <td colspan="12" class="board__empty">${loaded ? '当前没有进行中的会话。' : '正在加载会话…'}</td>
                  </tr>`
                : conversations.map((c) => html`<${Row} key=${c.id} c=${c} now=${now} props=${props} />`)
            }
          </tbody>
        </table>
      </div>
    </section>
  `;
}
