import { isTextField, neighbour, shortcutOf, SHORTCUTS, withShortcut, type KeyPress } from '../../src/web/agent/shortcuts';

/** Which key press is which shortcut (src/web/agent/shortcuts.ts), inside and outside text fields. */
describe('agent console shortcuts', () => {
  const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
    key,
    code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    isComposing: false,
    ...more,
  });

  it('maps each shortcut outside text fields', () => {
    expect(shortcutOf(press('j'), false)).toBe('next');
    expect(shortcutOf(press('k'), false)).toBe('previous');
    expect(shortcutOf(press('/'), false)).toBe('quickReplies');
    expect(shortcutOf(press('?', { shiftKey: true }), false)).toBe('help');
    expect(shortcutOf(press('c', { altKey: true }), false)).toBe('claim');
    expect(shortcutOf(press('r', { altKey: true }), false)).toBe('resolve');
    expect(shortcutOf(press('Enter', { ctrlKey: true }), false)).toBe('send');
    expect(shortcutOf(press('Enter', { metaKey: true }), false)).toBe('send');
  });

  it('leaves plain keys to a text field, and the browser its own combinations', () => {
    for (const key of ['j', 'k', '/', '?']) expect([key, shortcutOf(press(key), true)]).toEqual([key, undefined]);
    // Alt shortcuts and Ctrl+Enter work while typing a reply.
    expect(shortcutOf(press('c', { altKey: true }), true)).toBe('claim');
    expect(shortcutOf(press('Enter', { ctrlKey: true }), true)).toBe('send');
    // Ctrl+J (downloads), Ctrl+K (search), Alt+D/E/F (address bar, menus) and Alt+Shift+C are the browser's.
    expect(shortcutOf(press('j', { ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutOf(press('k', { metaKey: true }), false)).toBeUndefined();
    for (const key of ['d', 'e', 'f']) expect(shortcutOf(press(key, { altKey: true }), false)).toBeUndefined();
    expect(shortcutOf(press('C', { altKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(shortcutOf(press('Enter'), false)).toBeUndefined();
    expect(shortcutOf(press('x'), false)).toBeUndefined();
  });

  it('does nothing while an IME composes, and reads Alt+letter by the physical key (a Mac gives ç)', () => {
    expect(shortcutOf(press('Enter', { ctrlKey: true, isComposing: true }), true)).toBeUndefined();
    expect(shortcutOf(press('j', { isComposing: true }), false)).toBeUndefined();
    expect(shortcutOf(press('Process'), false)).toBeUndefined();
    expect(shortcutOf({ ...press('ç', { altKey: true }), code: 'KeyC' }, false)).toBe('claim');
  });

  it('knows a text field from a button', () => {
    expect(isTextField({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextField({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextField({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTextField({ tagName: 'SELECT' })).toBe(true);
    expect(isTextField({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTextField({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTextField({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextField(null)).toBe(false);
  });

  it('steps through the lists in their order, without wrapping', () => {
    const ids = ['a', 'b', 'c'];
    expect(neighbour(ids, undefined, 1)).toBe('a');
    expect(neighbour(ids, undefined, -1)).toBe('c');
    expect(neighbour(ids, 'a', 1)).toBe('b');
    expect(neighbour(ids, 'b', -1)).toBe('a');
    expect(neighbour(ids, 'c', 1)).toBeUndefined();
    expect(neighbour(ids, 'gone', 1)).toBe('a');
    expect(neighbour([], 'a', 1)).toBeUndefined();
  });

  it('lists every action once, with the hint the buttons carry', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
    expect(withShortcut('接单', 'claim')).toBe('接单（Alt+C）');
    expect(withShortcut('发送', 'send')).toBe('发送（Ctrl+Enter）');
  });
});
