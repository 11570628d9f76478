import { html } from 'htm/preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { canSee } from '../../../auth/caseAccess';
import { ApiError, type Api } from '../api';
import {
  compareQueue,
  isCaseStatus,
  toCaseDetail,
  toNote,
  type Assist,
  type CaseNote,
  type CaseDetail,
  type CaseSummary,
  type StaffEvent,
} from '../model';
import { useNow } from '../hooks';
import { LiveStream, type StreamState } from '../stream';
import { useAgentTyping, useCustomerTyping } from '../typing';
import { useShortcuts } from '../keyboard';
import { neighbour, withShortcut, type ShortcutAction } from '../shortcuts';
import { useNotices } from '../useNotices';
import type { StaffPageProps } from '../../shared/StaffApp';
import { LiveStatus, messageOf, resolveBody, Toasts, useCaseIdFromHash, useToasts } from '../../shared/desk';
import { Actions, type ActionsHandle, type ResolveForm } from './Actions';
import { AssistPanel } from './AssistPanel';
import { CaseAttachments, CaseDetails, CaseHeader, CaseTranscript, type RevealState } from './CaseView';
import { CustomerHistory } from './CustomerHistory';
import { WecomWindow } from './WecomWindow';
import { PresencePicker } from './PresencePicker';
import { Composer, type ComposerHandle } from './Composer';
import { CaseNotes, TakenOverBanner } from './Notes';
import { NoticeSettings } from './NoticeSettings';
import { Queue } from './Queue';
import { isFiltered, NO_FILTER, QueueFilters, type QueueFilter } from './QueueFilters';
import { ShortcutHelp } from './ShortcutHelp';
import { channelCapabilities } from '../format';

/** A revealed value is shown this long, then masked again. */
const REVEAL_MS = 60_000;
/** Whether the agent keeps the issues-and-details section open (a preference of this browser). */
const DETAILS_KEY = 'complaint-desk.agent.detailsOpen';
/** Cases a supervisor took over from this agent (case id → supervisor), kept for the tab's life. */
const TAKEN_OVER_KEY = 'complaint-desk.agent.takenOver';
/** Several pushes in a burst cause one fetch. */
const REFRESH_DELAY_MS = 120;

function readPreference(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function readTakenOver(): Record<string, string> {
  try {
    const raw = sessionStorage.getItem(TAKEN_OVER_KEY);
    const parsed = raw ? (JSON.parse(raw) as unknown) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const sameNote = (a: CaseNote, b: CaseNote) => a.text === b.text && a.at === b.at;

export type ConsoleProps = StaffPageProps<Api>;

export function Console({ api, session, onLogout }: ConsoleProps) {
  const me = session.username;
  const [queued, setQueued] = useState<CaseSummary[]>([]);
  const [active, setActive] = useState<CaseSummary[]>([]);
  const [queueLoaded, setQueueLoaded] = useState(false);
  const [queueError, setQueueError] = useState<string | undefined>();
  // Auto-assignment: cases offered to me (id → until when), from 'offered' events.
  const [offers, setOffers] = useState<Record<string, number>>({});
  const [selectedId, setSelectedId] = useCaseIdFromHash();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [detailError, setDetailError] = useState<string | undefined>();
  const [assist, setAssist] = useState<Assist | undefined>();
  const [assistError, setAssistError] = useState<string | undefined>();
  const [assistLoading, setAssistLoading] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [reveals, setReveals] = useState<Record<string, RevealState>>({});
  const [busy, setBusy] = useState(false);
  const { toasts, toast, dismiss } = useToasts();
  const [streamState, setStreamState] = useState<StreamState>('connecting');
  /** Whispers pushed live (the case page carries them too, once it is fetched again). */
  const [liveNotes, setLiveNotes] = useState<Record<string, CaseNote[]>>({});
  const [takenOver, setTakenOver] = useState<Record<string, string>>(readTakenOver);
  const [detailsOpen, setDetailsOpen] = useState(() => readPreference(DETAILS_KEY) !== 'closed');
  const rememberDetailsOpen = (open: boolean) => {
    if (open === detailsOpen) return;
    setDetailsOpen(open);
    try {
      localStorage.setItem(DETAILS_KEY, open ? 'open' : 'closed');
    } catch {
      /* a preference only */
    }
  };
  const composer = useRef<ComposerHandle | null>(null);
  const actions = useRef<ActionsHandle | null>(null);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const notices = useNotices(me, selectedId, (id) => select(id));
  const { heard: heardNotice, listed } = notices;
  const [helpOpen, setHelpOpen] = useState(false);
  // The waiting list's filters, read through a ref: the refresh (and the live feed built on it) stays the same function.
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const filterNow = useRef(filter);
  filterNow.current = filter;
  // Answers can overtake each other: only the latest request of each kind is shown.
  const latest = useRef({ queue: 0, detail: 0, assist: 0 });

  const refreshQueue = useCallback(async () => {
    const seq = ++latest.current.queue;
    const startedAt = Date.now();
    const f = filterNow.current;
    try {
      const [waiting, handling] = await Promise.all([
        api.cases('queued', { category: f.category, ...(f.escalatedOnly ? { escalated: true } : {}) }),
        api.cases('active'),
      ]);
      if (seq !== latest.current.queue) return;
      setQueued(waiting.sort(compareQueue));
      setActive(handling.sort(compareQueue));
      // A filtered read does not list every waiting case: it cannot tell which ones left.
      if (!isFiltered(f)) listed(new Set([...waiting, ...handling].map((c) => c.id)), startedAt);
      setQueueError(undefined);
    } catch (err) {
      if (seq === latest.current.queue) setQueueError(messageOf(err));
    } finally {
      setQueueLoaded(true);
    }
  }, [api, listed]);

  const shownDetail = useRef(detail);
  shownDetail.current = detail;
  /** Case actions (claim, release, transfer, resolve) still waiting for their answer. */
  const acting = useRef(0);

  const loadCase = useCallback(
    async (id: string) => {
      const seq = ++latest.current.detail;
      try {
        const d = await api.caseDetail(id);
        if (selected.current !== id || seq !== latest.current.detail) return;
        setDetail(d);
        setDetailError(undefined);
      } catch (err) {
        if (selected.current !== id || seq !== latest.current.detail) return;
        // A case shown as out of my hands (released, transferred, taken over) is no longer mine to
        // read: the 404 is expected, and what was on screen stays.
        const shown = shownDetail.current;
        if (err instanceof ApiError && err.status === 404 && shown?.id === id && !canSee(session, shown)) return;
        setDetailError(messageOf(err));
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) setDetail(undefined);
      }
    },
    [api, session],
  );

  const loadAssist = useCallback(
    async (id: string) => {
      const seq = ++latest.current.assist;
      const current = () => selected.current === id && seq === latest.current.assist;
      setAssistLoading(true);
      try {
        const a = await api.assist(id);
        if (!current()) return;
        setAssist(a);
        setAssistError(undefined);
      } catch (err) {
        if (current()) setAssistError(`辅助建议暂时无法加载：${messageOf(err)}`);
      } finally {
        if (current()) setAssistLoading(false);
      }
    },
    [api],
  );

  // Pushes come in bursts (a message and the status change it causes): fetch once per burst.
  const pending = useRef<{ queue: boolean; detail: boolean; assist: boolean; timer?: ReturnType<typeof setTimeout> }>({
    queue: false,
    detail: false,
    assist: false,
  });
  const schedule = useCallback(
    (what: { queue?: boolean; detail?: boolean; assist?: boolean }) => {
      const p = pending.current;
      p.queue ||= !!what.queue;
      p.detail ||= !!what.detail;
      p.assist ||= !!what.assist;
      if (p.timer) return;
      p.timer = setTimeout(() => {
        const { queue, detail: d, assist: a } = p;
        pending.current = { queue: false, detail: false, assist: false };
        const id = selected.current;
        if (queue) void refreshQueue();
        // A case shown as out of my hands (released, transferred, taken over) is not mine to read
        // any more: asking again would only earn a 404. What is on screen stays as the last word.
        const shown = shownDetail.current;
        const outOfSight = shown !== undefined && shown.id === id && !canSee(session, shown);
        // While a case action runs (a release may put the case out of my hands mid-request), its
        // own refetch afterwards stands for these: one sent now could race it and earn a 404.
        const settled = acting.current === 0;
        if (d && id && !outOfSight && settled) void loadCase(id);
        if (a && id && !outOfSight && settled) void loadAssist(id);
      }, REFRESH_DELAY_MS);
    },
    [refreshQueue, loadCase, loadAssist, session],
  );

  // The events below speak to "my" cases: read the latest list without re-creating the handler.
  const myCases = useRef<Set<string>>(new Set());
  myCases.current = new Set(active.filter((c) => c.owner === me).map((c) => c.id));

  /**
   * A supervisor took the case from me or gave it to someone else: it is no longer mine to read
   * (src/auth/caseAccess.ts), so it is not fetched again. What I saw stays on screen, marked
   * with its new owner (so nothing can be sent), until I pick another case.
   */
  const leftMyHands = useCallback(
    (id: string, owner: string | undefined, status?: string) => {
      setDetail((d) => (d && d.id === id ? { ...d, owner, ...(isCaseStatus(status) ? { status } : {}) } : d));
      schedule({ queue: true });
    },
    [schedule],
  );

  const customerTyping = useCustomerTyping();
  const heardTyping = customerTyping.heard;

  const onEvent = useCallback(
    (event: StaffEvent) => {
      // Typing is shown as it comes, and changes nothing to fetch.
      if (heardTyping(event)) return;
      heardNotice(event);
      const mineOpen = event.id !== '' && event.id === selected.current;
      const p = event.payload;
      const ticket = typeof p.ticketId === 'string' ? `工单 ${p.ticketId}` : '这张工单';
      // The case was mine until this event: taken over, assigned or released by a supervisor.
      const fromMe = event.resource === 'case' && p.previousOwner === me && p.owner !== me;
      const newOwner = typeof p.owner === 'string' ? p.owner : undefined;
      if (event.resource === 'case' && event.type === 'offered') {
        const until = typeof p.until === 'string' ? Date.parse(p.until) : NaN;
        if (p.agent === me && Number.isFinite(until)) {
          setOffers((all) => ({ ...all, [event.id]: until }));
          toast(`为您分配了${ticket}，请尽快接单。`);
        } else {
          // Offered to someone else now: no longer mine to take first.
          setOffers(({ [event.id]: _gone, ...rest }) => rest);
        }
        schedule({ queue: true });
        return;
      }
      if (fromMe && event.type === 'takeover') {
        const by = typeof p.by === 'string' ? p.by : '值班主管';
        setTakenOver((all) => {
          const next = { ...all, [event.id]: by };
          try {
            sessionStorage.setItem(TAKEN_OVER_KEY, JSON.stringify(next));
          } catch {
            /* the banner still shows in this page */
          }
          return next;
        });
        toast(`值班主管 ${by} 已接管${ticket}，您不能再向客户发送消息。`, 'error');
      } else if (fromMe && event.type === 'assign') {
        toast(`${ticket}已由值班主管改派给 ${String(p.owner ?? '其他同事')}。`, 'error');
      } else if (event.resource === 'note') {
        const note = toNote(p);
        if (note) {
          setLiveNotes((all) => ({ ...all, [event.id]: [...(all[event.id] ?? []).filter((n) => !sameNote(n, note)), note] }));
          if (mineOpen || myCases.current.has(event.id))
            toast(`值班主管${note.by ? ` ${note.by}` : ''}给您发来悄悄话（${ticket}）：${note.text}`);
        }
        if (mineOpen) schedule({ detail: true });
        return;
      }
      if (fromMe) leftMyHands(event.id, newOwner, typeof p.status === 'string' ? p.status : undefined);
      else if (event.resource === 'message')
        schedule({ queue: true, detail: mineOpen, assist: mineOpen && event.payload.from === 'customer' });
      else if (event.resource === 'case') schedule({ queue: true, detail: mineOpen, assist: mineOpen });
    },
    [schedule, toast, me, leftMyHands, heardTyping, heardNotice],
  );

  // The live feed, for as long as the console is open.
  useEffect(() => {
    const stream = new LiveStream(session.token, {
      onEvent,
      onState: setStreamState,
      onResync: () => schedule({ queue: true, detail: true }),
    });
    stream.start();
    return () => stream.stop();
  }, [session.token, onEvent, schedule]);

  useEffect(() => {
    void refreshQueue();
    // A safety net while the feed is down, and for anything a push did not cover.
    const timer = setInterval(() => void refreshQueue(), 30_000);
    return () => clearInterval(timer);
  }, [refreshQueue]);

  useEffect(() => {
    setDetail(undefined);
    setDetailError(undefined);
    setAssist(undefined);
    setAssistError(undefined);
    if (!selectedId) return;
    void loadCase(selectedId);
    void loadAssist(selectedId);
  }, [selectedId, loadCase, loadAssist]);

  // A new filter is a new read of the queue (the ref already holds it).
  const firstFilter = useRef(true);
  useEffect(() => {
    if (firstFilter.current) {
      firstFilter.current = false;
      return;
    }
    void refreshQueue();
  }, [filter, refreshQueue]);

  const select = (id: string) => {
    if (id === selectedId) return;
    history.replaceState(null, '', `#case=${encodeURIComponent(id)}`);
    setSelectedId(id);
  };

  const mine = useMemo(() => (session.role === 'supervisor' ? active : active.filter((c) => c.owner === me)), [active, me, session.role]);

  /** Runs a case action and shows the case it returns; on failure says why and shows the case as it now is. */
  const act = async (run: () => Promise<unknown>, done: string): Promise<string | undefined> => {
    if (!detail) return undefined;
    setBusy(true);
    acting.current += 1;
    // Fetched again afterwards, unless the action put the case out of my sight (released, transferred): then its answer is the last word.
    let refetch = true;
    try {
      const result = await run();
      const after = toCaseDetail(result);
      if (after && !canSee(session, after)) refetch = false;
      if (after && after.id === selected.current) {
        // Newer than anything already on its way.
        latest.current.detail += 1;
        setDetail(after);
      }
      toast(done);
      if ((result as { customerNotified?: boolean } | undefined)?.customerNotified === false) {
        toast('操作已完成，但客户的聊天渠道暂时连不上，没能通知到客户。', 'error');
      }
      return undefined;
    } catch (err) {
      const text = messageOf(err);
      toast(text, 'error');
      return text;
    } finally {
      acting.current -= 1;
      setBusy(false);
      schedule({ queue: true, detail: refetch, assist: refetch });
    }
  };

  const caseId = detail?.id;
  const onClaim = async () => {
    if (!caseId) return;
    const problem = await act(() => api.action(caseId, 'claim'), '接单成功，请先向客户问好。');
    if (!problem) composer.current?.focus();
  };
  const onRelease = () => {
    if (!caseId || !confirm('确定把这位客户退回机器人继续受理吗？')) return;
    void act(() => api.action(caseId, 'release'), '已退回机器人。');
  };
  const onTransfer = async (to: string) => (caseId ? act(() => api.action(caseId, 'transfer', { to }), `已转交给 ${to}。`) : undefined);
  const onResolve = async (form: ResolveForm) => {
    if (!caseId) return undefined;
    return act(() => api.action(caseId, 'resolve', resolveBody(form)), '工单已办结，处理结果会告知客户。');
  };

  const onSend = async (text: string): Promise<boolean> => {
    if (!caseId) return false;
    try {
      await api.action(caseId, 'messages', { text });
      schedule({ detail: true });
      return true;
    } catch (err) {
      toast(`消息没有发出：${messageOf(err)}`, 'error');
      schedule({ detail: true });
      return false;
    }
  };

  const setDraft = useCallback((text: string) => {
    const id = selected.current;
    if (id) setDrafts((d) => ({ ...d, [id]: text }));
  }, []);

  const reveal: RevealState = (caseId && reveals[caseId]) || { values: {}, pending: {} };
  const updateReveal = (id: string, change: (r: RevealState) => RevealState) =>
    setReveals((all) => ({ ...all, [id]: change(all[id] ?? { values: {}, pending: {} }) }));
  const hide = (id: string, field: string) =>
    updateReveal(id, (r) => {
      const values = { ...r.values };
      delete values[field];
      return { ...r, values };
    });
  const onReveal = async (field: string) => {
    if (!caseId) return;
    const id = caseId;
    updateReveal(id, (r) => ({ ...r, pending: { ...r.pending, [field]: true } }));
    try {
      const value = await api.reveal(id, field);
      updateReveal(id, (r) => ({ values: { ...r.values, [field]: value }, pending: { ...r.pending, [field]: false } }));
      setTimeout(() => hide(id, field), REVEAL_MS);
    } catch (err) {
      updateReveal(id, (r) => ({ ...r, pending: { ...r.pending, [field]: false } }));
      toast(`无法显示：${messageOf(err)}`, 'error');
    }
  };

  const [openingAttachment, setOpeningAttachment] = useState<Record<string, boolean>>({});
  const onOpenAttachment = async (index: number) => {
    if (!caseId) return;
    const key = `${caseId}#${index}`;
    setOpeningAttachment((p) => ({ ...p, [key]: true }));
    try {
      openFetched(await api.attachment(caseId, index));
    } catch (err) {
      toast(`无法打开附件：${messageOf(err)}`, 'error');
    } finally {
      setOpeningAttachment((p) => ({ ...p, [key]: false }));
    }
  };

  const canSend = detail?.status === 'active' && detail.owner === me;
  // Taken over from me: said by the push (or by the case page, should the API carry it).
  const takenOverBy = detail && detail.owner !== me ? (takenOver[detail.id] ?? detail.takenOverBy) : undefined;
  const notes = detail ? [...detail.notes, ...(liveNotes[detail.id] ?? []).filter((n) => !detail.notes.some((d) => sameNote(d, n)))] : [];
  const disabledReason = !detail
    ? undefined
    : detail.status === 'resolved'
      ? '工单已办结，不能再发送消息。'
      : takenOverBy
        ? '值班主管已接管此工单，您不能再发送消息。'
        : canSend
          ? undefined
          : detail.status === 'active'
            ? '这张工单由其他同事处理中。'
            : '请先接单，再回复客户。';

  const runShortcut = (action: ShortcutAction) => {
    switch (action) {
      case 'send':
        composer.current?.send();
        return;
      case 'next':
      case 'previous': {
        const next = neighbour(
          [...queued, ...mine].map((c) => c.id),
          selectedId,
          action === 'next' ? 1 : -1,
        );
        if (next) select(next);
        return;
      }
      case 'claim':
        if (!detail) toast('请先在左侧选择一张工单。');
        else if (busy || (detail.status !== 'queued' && detail.status !== 'open')) toast('这张工单现在不能接单。');
        else void onClaim();
        return;
      case 'quickReplies': {
        const why = composer.current ? composer.current.openQuickReplies() : '请先在左侧选择一张工单。';
        if (why) toast(why);
        return;
      }
      case 'resolve':
        if (!actions.current?.resolve()) toast('只有您正在处理的工单才能办结。');
        return;
      case 'help':
        setHelpOpen(true);
        return;
    }
  };
  useShortcuts(runShortcut);

  const onTyping = useAgentTyping(api, detail?.id, canSend && !takenOverBy);

  const clock = useNow();
  const offeredNow = useMemo(
    () =>
      new Set(
        Object.entries(offers)
          .filter(([, until]) => until > clock)
          .map(([id]) => id),
      ),
    [offers, clock],
  );

  return html`
    <div class="console">
      <header class="topbar">
        <h1 class="topbar__title">坐席工作台</h1>
        <${LiveStatus} state=${streamState} />
        <span class="topbar__user">
          ${session.role === 'supervisor' ? '值班主管' : '在线客服'}
          <strong>${me}</strong>${session.agentNo ? `（${session.agentNo} 号）` : ''}
        </span>
        ${session.role === 'agent' ? html`<${PresencePicker} api=${api} />` : null}
        <${NoticeSettings} notices=${notices} />
        <button
          type="button"
          class="btn btn--ghost btn--small"
          aria-haspopup="dialog"
          title=${withShortcut('查看键盘快捷键', 'help')}
          onClick=${() => setHelpOpen(true)}
        >
          快捷键
        </button>
        <button type="button" class="btn btn--ghost btn--small" onClick=${onLogout}>退出登录</button>
      </header>

      <div class="queue-pane">
        ${queueError ? html`<p class="notice notice--error" role="alert">${queueError}</p>` : null}
        <${Queue}
          queued=${queued}
          mine=${mine}
          mineTitle=${session.role === 'supervisor' ? '处理中' : '我的会话'}
          selectedId=${selectedId}
          loaded=${queueLoaded}
          onSelect=${select}
          offered=${offeredNow}
          unread=${notices.unread}
          filtered=${isFiltered(filter)}
          filters=${html`<${QueueFilters} filter=${filter} onChange=${setFilter} />`}
        />
      </div>

      <main class="case-pane" aria-labelledby=${detail ? 'case-title' : undefined} aria-label=${detail ? undefined : '工单'}>
        ${
          !selectedId
            ? html`<div class="placeholder">
                <p>从左侧队列选择一位客户开始处理。</p>
                <p class="muted">新客户转人工时，队列会实时更新。</p>
              </div>`
            : !detail
              ? html`<div class="placeholder">
                  ${detailError ? html`<p class="notice notice--error" role="alert">${detailError}</p>` : html`<p>正在打开工单…</p>`}
                </div>`
              : html`
                  <${CaseHeader} detail=${detail} me=${me} />
                  ${channelCapabilities(detail.channel)?.sendBudget ? html`<${WecomWindow} api=${api} caseId=${detail.id} version=${detail.transcript.length} />` : null}
                  ${detailError ? html`<p class="notice notice--error" role="alert">${detailError}</p>` : null}
                  <details
                    class="case-pane__details"
                    open=${detailsOpen}
                    onToggle=${(e: Event) => rememberDetailsOpen((e.currentTarget as HTMLDetailsElement).open)}
                  >
                    <summary>投诉事项与客户信息</summary>
                    <${CaseDetails} detail=${detail} reveal=${reveal} onReveal=${onReveal} onHide=${(f: string) => hide(detail.id, f)} />
                  </details>
                  <${CaseAttachments}
                    attachments=${detail.attachments}
                    pending=${Object.fromEntries(detail.attachments.map((a) => [a.index, Boolean(openingAttachment[`${detail.id}#${a.index}`])]))}
                    onOpen=${onOpenAttachment}
                  />
                  <${CustomerHistory} key=${`history-${detail.id}`} api=${api} caseId=${detail.id} />
                  ${takenOverBy && detail.status !== 'resolved' ? html`<${TakenOverBanner} by=${takenOverBy} />` : null}
                  <${CaseNotes} notes=${notes} forAgent=${true} />
                  <${CaseTranscript} detail=${detail} />
                  <p class="typing-hint" role="status" aria-live="polite">${customerTyping.caseId === detail.id ? '客户正在输入…' : ''}</p>
                  <${Composer}
                    key=${detail.id}
                    api=${api}
                    caseId=${detail.id}
                    text=${drafts[detail.id] ?? ''}
                    onText=${setDraft}
                    onTyping=${onTyping}
                    disabledReason=${disabledReason}
                    locked=${detail.status === 'resolved'}
                    onSend=${onSend}
                    handle=${composer}
                  />
                `
        }
      </main>

      <aside class="side-pane" aria-label="工单操作与辅助建议">
        ${
          detail
            ? html`
                <${Actions}
                  detail=${detail}
                  me=${me}
                  busy=${busy}
                  onClaim=${onClaim}
                  onRelease=${onRelease}
                  onTransfer=${onTransfer}
                  onResolve=${onResolve}
                  handle=${actions}
                />
                <${AssistPanel}
                  caseId=${detail.id}
                  assist=${assist}
                  error=${assistError}
                  loading=${assistLoading}
                  onInsert=${(text: string) => composer.current?.insert(text)}
                  onRefresh=${() => void loadAssist(detail.id)}
                />
              `
            : html`<p class="muted side-pane__empty">选择工单后，这里会显示操作按钮、推荐话术和下一步。</p>`
        }
      </aside>

      <${ShortcutHelp} open=${helpOpen} onClose=${() => setHelpOpen(false)} />
      <${Toasts} toasts=${toasts} onDismiss=${dismiss} />
    </div>
  `;
}

/** Types a tab may show as they are; anything else (HTML, SVG, unknown) is saved as a download. */
const SHOWABLE = /^(image\/(png|jpe?g|gif|webp|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/i;

/** Opens a fetched attachment in a new tab (a link: its address; a file: an object URL). */
function openFetched(fetched: { blob: Blob; name?: string } | { url: string }): void {
  if ('url' in fetched) {
    window.open(fetched.url, '_blank', 'noopener,noreferrer');
    return;
  }
  const showable = SHOWABLE.test(fetched.blob.type);
  const blob = showable ? fetched.blob : new Blob([fetched.blob], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  if (showable) a.target = '_blank';
  else a.download = fetched.name ?? '附件';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The tab has loaded it by then; the URL only keeps the file in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
