import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { applyRewrite, type QuickReplyItem, type WordingProblem } from '../model';
import { withShortcut } from '../shortcuts';
import { QuickReplyPicker, quickReplyQuery, useQuickReplies } from './QuickReplyPicker';

/** How long typing must pause before the wording is checked. */
export const CHECK_DELAY_MS = 350;

export interface ComposerHandle {
  /** Puts text at the caret (or replaces the selection) and focuses the box. */
  insert(text: string): void;
  focus(): void;
  /** Sends the draft, as the 发送 button does (Ctrl+Enter from anywhere on the page). */
  send(): void;
  /** Starts a "/" search for a quick reply in an empty draft; otherwise says why it cannot. */
  openQuickReplies(): string | undefined;
}

export interface ComposerProps {
  api: Api;
  caseId: string;
  text: string;
  onText(text: string): void;
  /** The agent typed into a draft that is not empty (the customer may be shown 「客服正在输入…」). */
  onTyping?(): void;
  /** Why the agent cannot send yet (not the owner, case resolved), or undefined. */
  disabledReason?: string;
  /** A resolved case takes no more drafts. */
  locked?: boolean;
  onSend(text: string): Promise<boolean>;
  handle: { current: ComposerHandle | null };
}

interface Checked {
  text: string;
  problems: WordingProblem[];
}

/** The longest message the API takes (src/http/api/caseSchemas.ts). */
export const MAX_MESSAGE_CHARS = 2000;

/** The draft with each problem span marked, so the agent sees where it is. */
function Highlighted({ text, problems }: Checked) {
  const parts = [];
  let at = 0;
  problems.forEach((p, i) => {
    if (p.start > at) parts.push(text.slice(at, p.start));
    parts.push(html`<mark key=${i} title=${p.reason}>${text.slice(p.start, p.end)}</mark>`);
    at = p.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return html`<p class="composer__preview" aria-hidden="true">${parts}</p>`;
}

export function Composer({ api, caseId, text, onText, onTyping, disabledReason, locked, onSend, handle }: ComposerProps) {
  const [checked, setChecked] = useState<Checked>({ text: '', problems: [] });
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(text);
  latest.current = text;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The live wording check: debounced, and an answer for an older draft is dropped.
  useEffect(() => {
    // An empty draft, or a "/" search for a quick reply, is not wording to check.
    if (!text.trim() || quickReplyQuery(text) !== undefined) {
      setChecked({ text, problems: [] });
      setChecking(false);
      return;
    }
    if (checked.text === text) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        const problems = await api.check(text, controller.signal);
        if (latest.current === text) {
          setChecked({ text, problems });
          setCheckFailed(false);
        }
      } catch {
        if (!controller.signal.aborted) setCheckFailed(true);
      } finally {
        if (!controller.signal.aborted) setChecking(false);
      }
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, api]);

  useEffect(() => {
    handle.current = {
      insert(snippet: string) {
        const el = box.current;
        const current = latest.current;
        const start = el ? el.selectionStart : current.length;
        const end = el ? el.selectionEnd : current.length;
        const next = current.slice(0, start) + snippet + current.slice(end);
        onText(next);
        requestAnimationFrame(() => {
          if (!el) return;
          el.focus();
          el.setSelectionRange(start + snippet.length, start + snippet.length);
        });
      },
      focus() {
        requestAnimationFrame(() => box.current?.focus());
      },
      send: () => void sendNow.current(),
      openQuickReplies: () => openPicker.current(),
    };
    return () => {
      handle.current = null;
    };
  }, [onText, handle]);

  const problems = checked.text === text ? checked.problems : [];

  /** Replaces a flagged span with its rewrite; the other flags move with the text. */
  const rewrite = (p: WordingProblem) => {
    if (checked.text !== text) return;
    const { text: next, caret, removed } = applyRewrite(text, p);
    const delta = p.rewrite.length - removed;
    const rest = checked.problems
      .filter((q) => q !== p && (q.end <= p.start || q.start >= p.start + removed))
      .map((q) => (q.start >= p.start + removed ? { ...q, start: q.start + delta, end: q.end + delta } : q));
    setChecked({ text: next, problems: rest });
    onText(next);
    requestAnimationFrame(() => {
      const el = box.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  };

  const send = async () => {
    const draft = text.trim();
    if (!draft || sending || disabledReason) return;
    setSending(true);
    try {
      if (await onSend(draft)) {
        // Only what was sent leaves the box: words typed while it was on its way stay (the box
        // as the agent changed it, should it no longer begin with what was sent). Gone to another
        // case meanwhile: that case's draft is not this one's to touch.
        const now = latest.current;
        if (mounted.current) onText(now === text ? '' : now.startsWith(text) ? now.slice(text.length).trimStart() : now);
        setChecked({ text: '', problems: [] });
      }
    } finally {
      setSending(false);
      box.current?.focus();
    }
  };

  // The page's shortcuts reach these through the handle, which is set up once: always the latest.
  const sendNow = useRef(send);
  sendNow.current = send;
  const openPicker = useRef<() => string | undefined>(() => undefined);
  openPicker.current = () => {
    if (locked || disabledReason) return disabledReason ?? '这张工单已不能回复。';
    // A draft in the box is the agent's words: kept, never replaced by a search.
    const searching = quickReplyQuery(text) !== undefined;
    if (text.trim() && !searching) {
      box.current?.focus();
      return '回复框里已有内容，发送或清空后再查找快捷回复。';
    }
    if (!searching) onText('/');
    requestAnimationFrame(() => {
      const el = box.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    });
    return undefined;
  };

  // 快捷回复: a draft of "/" and words searches the library; picking one puts in its text, filled for this case.
  const [picker, setActive] = useQuickReplies(api, locked ? undefined : quickReplyQuery(text));
  const [pickError, setPickError] = useState<string | undefined>(undefined);
  const pick = async (item: QuickReplyItem) => {
    try {
      const filled = await api.renderQuickReply(caseId, item.id);
      setPickError(undefined);
      onText(filled);
      requestAnimationFrame(() => {
        const el = box.current;
        if (!el) return;
        el.focus();
        el.setSelectionRange(filled.length, filled.length);
      });
    } catch {
      setPickError('快捷回复暂时无法插入，请稍后再试。');
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (picker && !e.isComposing) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive(picker.active + (e.key === 'ArrowDown' ? 1 : -1));
        return;
      }
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && picker.items[picker.active]) {
        e.preventDefault();
        void pick(picker.items[picker.active]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        onText(text.slice(1));
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const status = !text.trim()
    ? ''
    : checking || checked.text !== text
      ? '正在检查措辞…'
      : checkFailed
        ? '措辞检查暂时不可用，请自行留意用语。'
        : problems.length
          ? `发现 ${problems.length} 处措辞可以更好`
          : '措辞检查通过';

  return html`
    <section class="composer" aria-label="回复客户">
      <label class="composer__label" for=${`composer-${caseId}`}>回复内容</label>
      <textarea
        id=${`composer-${caseId}`}
        ref=${box}
        class="composer__input"
        rows="3"
        value=${text}
        maxlength=${MAX_MESSAGE_CHARS}
        disabled=${locked}
        placeholder=${disabledReason ?? '输入回复，Ctrl+Enter 发送；输入 / 查找快捷回复'}
        role="combobox"
        aria-expanded=${picker ? 'true' : 'false'}
        aria-controls=${`quick-replies-${caseId}`}
        aria-activedescendant=${picker && picker.items.length ? `quick-replies-${caseId}-${picker.active}` : undefined}
        aria-describedby="composer-status composer-problems"
        onInput=${(e: Event) => {
          const value = (e.target as HTMLTextAreaElement).value;
          onText(value);
          setPickError(undefined);
          // A "/" search for a quick reply is not a reply being written.
          if (value.trim() && quickReplyQuery(value) === undefined) onTyping?.();
        }}
        onKeyDown=${onKeyDown}
      ></textarea>
      ${picker ? html`<${QuickReplyPicker} state=${picker} listId=${`quick-replies-${caseId}`} onPick=${pick} />` : null}
      ${pickError ? html`<p class="notice notice--error" role="alert">${pickError}</p>` : null}
      ${problems.length ? html`<${Highlighted} text=${text} problems=${problems} />` : null}
      <ul class="problems" id="composer-problems" aria-label="措辞提示">
        ${problems.map(
          (p) =>
            html`<li class="problem" key=${`${p.start}-${p.end}`}>
              <span class="problem__line">
                <span class="problem__span">「${text.slice(p.start, p.end)}」</span>
                ${p.rewrite ? html`<span class="problem__rewrite">→「${p.rewrite}」</span>` : null}
                ${
                  p.rewrite
                    ? html`<button
                        type="button"
                        class="btn btn--small btn--accent"
                        aria-label=${`一键改写：把「${text.slice(p.start, p.end)}」改为「${p.rewrite}」`}
                        onClick=${() => rewrite(p)}
                      >
                        一键改写
                      </button>`
                    : null
                }
              </span>
              <span class="problem__reason">${p.reason}</span>
            </li>`,
        )}
      </ul>
      <div class="composer__bar">
        <span
          class=${`composer__status${problems.length ? ' composer__status--warn' : ''}`}
          id="composer-status"
          role="status"
          aria-live="polite"
          >${status}</span
        >
        ${disabledReason ? html`<span class="composer__disabled">${disabledReason}</span>` : null}
        <span class="composer__hint" aria-hidden="true">Ctrl+Enter 发送</span>
        <button
          type="button"
          class="btn btn--ghost btn--small"
          disabled=${locked || !!disabledReason}
          title=${withShortcut('插入快捷回复', 'quickReplies')}
          onClick=${() => {
            const why = openPicker.current();
            if (why) setPickError(why);
          }}
        >
          快捷回复
        </button>
        <button
          type="button"
          class="btn btn--primary"
          title=${withShortcut('发送给客户', 'send')}
          disabled=${!text.trim() || sending || !!disabledReason}
          onClick=${send}
        >
          ${sending ? '发送中…' : '发送'}
        </button>
      </div>
    </section>
  `;
}
