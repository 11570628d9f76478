/**
 * The reports page (/reports): KPI tiles and charts (Chart.js) over GET /api/reports/summary,
 * then the same figures as tables, and the CSV export. A Preact app written with htm, bundled
 * by esbuild (npm run build:web) into dist/web/reports, served by src/http/pages/agentPage.ts.
 */
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './components/App';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} />`, root);
}
