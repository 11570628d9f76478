/**
 * The console's keyboard shortcuts, and which key press means which. Chosen not to fight the
 * browser or a Chinese IME: plain letters only outside text fields (where they would be typed),
 * Alt with a letter the browsers leave free (not Alt+D/E/F), Ctrl/⌘+Enter to send, and nothing
 * while an IME is composing (its Enter confirms the pinyin, not the message).
 */
export type ShortcutAction = 'send' | 'next' | 'previous' | 'claim' | 'quickReplies' | 'resolve' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** As the overlay and the buttons' titles show it. */
  keys: string;
  label: string;
  /** Where it works, when that is not everywhere. */
  where?: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'send', keys: 'Ctrl+Enter', label: '发送回复', where: 'Mac 上也可用 ⌘+Enter' },
  { action: 'next', keys: 'J', label: '下一张工单', where: '不在输入框内时' },
  { action: 'previous', keys: 'K', label: '上一张工单', where: '不在输入框内时' },
  { action: 'claim', keys: 'Alt+C', label: '接单' },
  { action: 'quickReplies', keys: '/', label: '打开快捷回复', where: '不在输入框内时；在回复框里直接输入 / 即可' },
  { action: 'resolve', keys: 'Alt+R', label: '办结工单' },
  { action: 'help', keys: '?', label: '显示快捷键', where: '不在输入框内时；Esc 关闭' },
];

/** The hint a button's title carries, e.g. 「接单（Alt+C）」. */
export function withShortcut(label: string, action: ShortcutAction): string {
  const keys = SHORTCUTS.find((s) => s.action === action)?.keys;
  return keys ? `${label}（${keys}）` : label;
}

export interface KeyPress {
  key: string;
  /** The physical key: Alt+C on a Mac gives key 'ç', but code is still 'KeyC'. */
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing: boolean;
}

export function shortcutOf(press: KeyPress, inTextField: boolean): ShortcutAction | undefined {
  // 'Process' is what Chromium reports for a key an IME takes.
  if (press.isComposing || press.key === 'Process') return undefined;
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key === 'Enter') return 'send';
  if (press.altKey && !press.ctrlKey && !press.metaKey && !press.shiftKey) {
    if (press.code === 'KeyC') return 'claim';
    if (press.code === 'KeyR') return 'resolve';
    return undefined;
  }
  if (inTextField || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  switch (press.key) {
    case 'j':
    case 'J':
      return press.shiftKey ? undefined : 'next';
    case 'k':
    case 'K':
      return press.shiftKey ? undefined : 'previous';
    case '/':
      return 'quickReplies';
    case '?':
      return 'help';
    default:
      return undefined;
  }
}

/** Where typing goes: a letter pressed here is text, not a shortcut. */
export function isTextField(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes((target.type ?? 'text').toLowerCase());
}

/** The case `step` places from the open one in the order the lists show (the first when none is open); no wrapping. */
export function neighbour(ids: readonly string[], openId: string | undefined, step: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const at = openId ? ids.indexOf(openId) : -1;
  if (at === -1) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[at + step];
}
