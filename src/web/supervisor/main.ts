/**
 * The supervisor view (/supervisor): a Preact app written with htm templates, sharing the
 * console's API client, live stream, formats and case components (src/web/agent), bundled by
 * esbuild (npm run build:web) into dist/web/supervisor and served by src/http/pages/agentPage.ts.
 */
import { mount } from '../shared/mount';
import { App } from './components/App';

mount(App);
