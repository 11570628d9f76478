import { html } from 'htm/preact';
import type { AgentFigures } from '../../../reports/agentFigures';
import type { DrillFilter } from '../drill';
import { minutesText, hoursText, percent } from '../model';

export const agentLabel = (a: Pick<AgentFigures, 'username' | 'agentNo'>) => (a.agentNo ? `${a.username}（${a.agentNo}号）` : a.username);

/**
 * 客服明细 (supervisors only): one row per agent; a figure that stands for cases opens them —
 * 处理量 all the agent's cases, 及时率 the ones answered late, 重开率 the reopened ones,
 * 办结用时 the resolved ones.
 */
export function AgentTable({
  agents,
  range,
  onDrill,
}: {
  agents: AgentFigures[];
  range: { from: string; to: string };
  onDrill(f: DrillFilter): void;
}) {
  const drill = (a: AgentFigures, extra: Partial<DrillFilter>, text: string, what: string) =>
    html`<button
      type="button"
      class="cell-link"
      aria-label=${`${agentLabel(a)} ${what}：${text}，查看工单`}
      onClick=${() => onDrill({ ...range, agent: a.username, agentLabel: agentLabel(a), ...extra })}
    >
      ${text}
    </button>`;
  return html`
    <table class="card table table--agents" data-table="agents">
      <caption>
        客服明细（按最后处理人统计）
      </caption>
      <thead>
        <tr>
          ${['客服（工号）', '处理量', '首次响应 中位 / 90%', '办结用时 中位', '及时率', '满意度（均分 / 回访）', '重开率', '快捷回复'].map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${
          agents.length
            ? agents.map(
                (a) =>
                  html`<tr data-agent=${a.username}>
                    <th scope="row">${agentLabel(a)}</th>
                    <td>${drill(a, {}, String(a.cases), '处理量')}</td>
                    <td>${minutesText(a.firstResponse.p50Minutes)} / ${minutesText(a.firstResponse.p90Minutes)}</td>
                    <td>${a.resolution.count ? drill(a, { status: 'resolved' }, hoursText(a.resolution.p50Hours), '办结用时') : '—'}</td>
                    <td>
                      ${a.onTime.denominator ? drill(a, { onTime: false }, `${percent(a.onTime.value)}（${a.onTime.numerator}/${a.onTime.denominator}）`, '及时率，未及时的') : '—'}
                    </td>
                    <td>${a.satisfaction.surveys ? `${a.satisfaction.avgScore} 分 / ${a.satisfaction.surveys} 件` : '—'}</td>
                    <td>
                      ${a.reopen.resolved ? drill(a, { reopened: true }, `${percent(a.reopen.value)}（${a.reopen.reopened}/${a.reopen.resolved}）`, '重开率，重开的') : '—'}
                    </td>
                    <td>${a.quickReplies} 次</td>
                  </tr>`,
              )
            : html`<tr>
                <td colspan="8" class="empty">区间内还没有客服处理过的工单。</td>
              </tr>`
        }
      </tbody>
    </table>
  `;
}
