/**
 * The agent console (/agent): a Preact app written with htm templates, bundled by esbuild
 * (npm run build:web) into dist/web/agent and served by src/http/pages/agentPage.ts.
 */
import { mount } from '../shared/mount';
import { App } from './components/App';

mount(App);
