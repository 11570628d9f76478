import { html } from 'htm/preact';
import { CATEGORY_LABELS } from '../format';

/** What the waiting queue is narrowed to; the API applies it (GET /api/cases?category=&escalated=true). */
export interface QueueFilter {
  category?: string;
  escalatedOnly: boolean;
}

export const NO_FILTER: QueueFilter = { escalatedOnly: false };

export const isFiltered = (f: QueueFilter): boolean => Boolean(f.category) || f.escalatedOnly;

export function QueueFilters({ filter, onChange }: { filter: QueueFilter; onChange(next: QueueFilter): void }) {
  return html`
    <div class="queue-filters" role="group" aria-label="筛选待接单">
      <label class="queue-filters__field">
        <span>分类</span>
        <select
          value=${filter.category ?? ''}
          onChange=${(e: Event) => onChange({ ...filter, category: (e.target as HTMLSelectElement).value || undefined })}
        >
          <option value="">全部分类</option>
          ${Object.entries(CATEGORY_LABELS).map(([id, label]) => html`<option value=${id}>${label}</option>`)}
        </select>
      </label>
      <label class="queue-filters__field">
        <input
          type="checkbox"
          checked=${filter.escalatedOnly}
          onChange=${(e: Event) => onChange({ ...filter, escalatedOnly: (e.target as HTMLInputElement).checked })}
        />
        <span>只看升级风险</span>
      </label>
    </div>
  `;
}
