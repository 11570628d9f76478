import { useEffect, useRef } from 'preact/hooks';
import { isTextField, shortcutOf, type ShortcutAction } from './shortcuts';

/**
 * Listens for the console's shortcuts (src/web/agent/shortcuts.ts) on the whole page and hands
 * each to `run`. A key a field already handled (the composer's own Ctrl+Enter, the quick-reply
 * picker's arrows) is left alone, and so is everything while a dialog is open: its form has the keys.
 */
export function useShortcuts(run: (action: ShortcutAction) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      const action = shortcutOf(e, isTextField(e.target instanceof HTMLElement ? e.target : null));
      if (!action) return;
      e.preventDefault();
      latest.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
