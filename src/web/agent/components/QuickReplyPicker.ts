import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import type { QuickReplyItem } from '../model';

/** What the draft asks the picker for: a draft of "/" and words (one line) searches quick replies. */
export function quickReplyQuery(draft: string): string | undefined {
  const m = /^\/([^\n]{0,40})$/.exec(draft);
  return m ? m[1].trim() : undefined;
}

export interface PickerState {
  items: QuickReplyItem[];
  active: number;
}

/**
 * The replies matching what follows "/", fetched as the agent types (an older answer is
 * dropped). Undefined while the draft is not a "/" search.
 */
export function useQuickReplies(api: Api, query: string | undefined): [PickerState | undefined, (active: number) => void] {
  const [state, setState] = useState<PickerState | undefined>(undefined);
  useEffect(() => {
    if (query === undefined) {
      setState(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.quickReplies(query, controller.signal).then(
        (items) => !controller.signal.aborted && setState({ items, active: 0 }),
        () => !controller.signal.aborted && setState({ items: [], active: 0 }),
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query]);
  return [state, (active) => setState((s) => (s && s.items.length ? { ...s, active: (active + s.items.length) % s.items.length } : s))];
}

export function QuickReplyPicker({ state, listId, onPick }: { state: PickerState; listId: string; onPick(item: QuickReplyItem): void }) {
  return html`
    <div class="picker">
      ${
        state.items.length === 0
          ? html`<p class="picker__empty muted">没有找到快捷回复。主管可在共享库中添加，您也可以保存自己的。</p>`
          : html`<ul class="picker__list" id=${listId} role="listbox" aria-label="快捷回复">
              ${state.items.map(
                (item, i) =>
                  html`<li
                    key=${item.id}
                    id=${`${listId}-${i}`}
                    role="option"
                    aria-selected=${i === state.active}
                    class=${`picker__item${i === state.active ? ' picker__item--active' : ''}`}
                    onMouseDown=${(e: MouseEvent) => {
                      // Keep the focus in the box; the click picks.
                      e.preventDefault();
                      onPick(item);
                    }}
                  >
                    <strong>${item.title}</strong>${item.scope === 'personal' ? html` <span class="chip">我的</span>` : null}
                    <span class="picker__text">${item.text}</span>
                  </li>`,
              )}
            </ul>`
      }
      <p class="picker__hint muted">↑↓ 选择，Enter 插入，Esc 关闭</p>
    </div>
  `;
}
