import { html } from 'htm/preact';
import { render, type ComponentType } from 'preact';

/** Replaces the page's boot message in #app with the app. */
export function mount(App: ComponentType): void {
  const root = document.getElementById('app');
  if (root) {
    root.textContent = '';
    render(html`<${App} />`, root);
  }
}
