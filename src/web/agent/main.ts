/**
 * The agent console (/agent): a Preact app written with htm templates, bundled by esbuild
 * (npm run build:web) into dist/web/agent and served by src/http/pages/agentPage.ts.
 */
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './components/App';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} />`, root);
}
