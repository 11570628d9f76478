/**
 * The reports page (/reports): KPI tiles and charts (Chart.js) over GET /api/reports/summary,
 * then the same figures as tables, and the CSV export. A Preact app written with htm, bundled
 * by esbuild (npm run build:web) into dist/web/reports, served by src/http/pages/agentPage.ts.
 */
import { mount } from '../shared/mount';
import { App } from './components/App';

mount(App);
