import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { familyLabel } from '../format';
import type { Assist } from '../model';
import { loadTicks, saveTicks, type StepTicks } from '../steps';

export interface AssistPanelProps {
  caseId: string;
  assist?: Assist;
  error?: string;
  loading: boolean;
  onInsert(text: string): void;
  onRefresh(): void;
}

export function AssistPanel({ caseId, assist, error, loading, onInsert, onRefresh }: AssistPanelProps) {
  const [ticks, setTicks] = useState<StepTicks>(() => loadTicks(caseId));
  useEffect(() => setTicks(loadTicks(caseId)), [caseId]);

  const toggle = (key: string, done: boolean) => {
    const next = { ...ticks, [key]: done };
    setTicks(next);
    saveTicks(caseId, next);
  };

  const steps = assist?.nextSteps ?? [];
  const doneCount = steps.filter((s) => ticks[s.key] ?? s.done).length;

  return html`
    <section class="assist" aria-labelledby="assist-title">
      <div class="panel__head">
        <h2 id="assist-title">辅助建议</h2>
        <button type="button" class="btn btn--small btn--ghost" onClick=${onRefresh} disabled=${loading} aria-label="刷新辅助建议">
          ${loading ? '刷新中…' : '刷新'}
        </button>
      </div>
      ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
      <h3 id="suggestions-title">推荐话术 <span class="muted">（点击插入回复框）</span></h3>
      ${
        !assist && loading
          ? html`<p class="muted">正在生成建议…</p>`
          : assist?.suggestions.length
            ? html`<ul class="suggestions" aria-labelledby="suggestions-title">
                ${assist.suggestions.map(
                  (s, i) =>
                    html`<li key=${i}>
                      <button type="button" class="suggestion" data-family=${s.family} onClick=${() => onInsert(s.text)}>
                        ${s.family ? html`<span class="suggestion__family">${familyLabel(s.family)}</span>` : null}
                        <span class="suggestion__text">${s.text}</span>
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p class="muted">暂无推荐话术。</p>`
      }
      <h3 id="steps-title">下一步 ${steps.length ? html`<span class="muted">（已完成 ${doneCount}/${steps.length}）</span>` : null}</h3>
      ${
        steps.length
          ? html`<ul class="steps" aria-labelledby="steps-title">
              ${steps.map((s) => {
                const done = ticks[s.key] ?? s.done;
                return html`<li key=${s.key} class=${done ? 'steps__item steps__item--done' : 'steps__item'}>
                  <label>
                    <input
                      type="checkbox"
                      checked=${done}
                      onChange=${(e: Event) => toggle(s.key, (e.target as HTMLInputElement).checked)}
                    />
                    <span>${s.text}</span>
                  </label>
                </li>`;
              })}
            </ul>`
          : html`<p class="muted">${loading ? '正在加载…' : '暂无建议步骤。'}</p>`
      }
    </section>
  `;
}
