import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../agent/api';
import type { ResolveForm } from '../../agent/components/Actions';
import { toCaseDetail, type CaseDetail, type StaffEvent } from '../../agent/model';
import { LiveStream, type StreamState } from '../../agent/stream';
import type { StaffPageProps } from '../../shared/StaffApp';
import { LiveStatus, messageOf, resolveBody, Toasts, useCaseIdFromHash, useToasts } from '../../shared/desk';
import type { SupervisorApi } from '../api';
import type { Conversation, Overview, StallAlert } from '../model';
import { Board } from './Board';
import { CasePanel } from './CasePanel';
import { AssignDialog, NoteDialog } from './Dialogs';
import { OverviewPanel } from './OverviewPanel';

/** Several pushes in a burst cause one fetch. */
const REFRESH_DELAY_MS = 150;
/** A safety net while the feed is down; stall detection also runs on the server's own clock. */
const POLL_MS = 10_000;
const MAX_ALERTS = 5;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && !!s) : []);

export type DeskProps = StaffPageProps<SupervisorApi>;

/** The supervisor's screen: the live board, stall alerts, 值班概览 and one open conversation. */
/** Alerts other than stalls, as the duty supervisor should read them. */
const ALERT_LINES: Record<string, string> = {
  'no-agent-online': '当前没有客服在线，有客户在排队',
  'deadline-warning': '回复时限即将到期',
  'deadline-breach': '已超过处理时限',
  'case-reopened': '客户对处理结果不满意，工单已重新打开',
  'repeat-complaint': '重复投诉',
};

export function Desk({ api, session, onLogout }: DeskProps) {
  const me = session.username;
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [overview, setOverview] = useState<Overview | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [boardError, setBoardError] = useState<string | undefined>();
  const [overviewError, setOverviewError] = useState<string | undefined>();
  const [forbidden, setForbidden] = useState(false);
  const [allowed, setAllowed] = useState(false);
  const [alerts, setAlerts] = useState<StallAlert[]>([]);
  const { toasts, toast, dismiss } = useToasts();
  const [streamState, setStreamState] = useState<StreamState>('connecting');
  const [openId, setOpenId] = useCaseIdFromHash();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [detailError, setDetailError] = useState<string | undefined>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busyId, setBusyId] = useState<string | undefined>();
  const [assignTarget, setAssignTarget] = useState<Conversation | undefined>();
  const [noteTarget, setNoteTarget] = useState<Conversation | undefined>();
  const opened = useRef(openId);
  opened.current = openId;
  const latest = useRef({ board: 0, overview: 0, detail: 0 });
  const known = useRef<Conversation[]>([]);
  known.current = conversations;

  const noteForbidden = (err: unknown): boolean => {
    if (err instanceof ApiError && err.status === 403) {
      setForbidden(true);
      return true;
    }
    return false;
  };

  const refreshBoard = useCallback(async () => {
    const seq = ++latest.current.board;
    try {
      const list = await api.conversations();
      if (seq !== latest.current.board) return;
      setConversations(list);
      setBoardError(undefined);
      setAllowed(true);
    } catch (err) {
      if (seq === latest.current.board && !noteForbidden(err)) setBoardError(messageOf(err));
    } finally {
      setLoaded(true);
    }
  }, [api]);

  const refreshOverview = useCallback(async () => {
    const seq = ++latest.current.overview;
    try {
      const o = await api.overview();
      if (seq !== latest.current.overview) return;
      setOverview(o);
      setOverviewError(undefined);
    } catch (err) {
      if (seq === latest.current.overview && !noteForbidden(err)) setOverviewError(messageOf(err));
    }
  }, [api]);

  const loadCase = useCallback(
    async (id: string) => {
      const seq = ++latest.current.detail;
      try {
        const d = await api.caseDetail(id);
        if (opened.current !== id || seq !== latest.current.detail) return;
        setDetail(d);
        setDetailError(undefined);
      } catch (err) {
        if (opened.current !== id || seq !== latest.current.detail) return;
        setDetailError(messageOf(err));
      }
    },
    [api],
  );

  const pending = useRef<{ board: boolean; overview: boolean; detail: boolean; timer?: ReturnType<typeof setTimeout> }>({
    board: false,
    overview: false,
    detail: false,
  });
  const schedule = useCallback(
    (what: { board?: boolean; overview?: boolean; detail?: boolean }) => {
      const p = pending.current;
      p.board ||= !!what.board;
      p.overview ||= !!what.overview;
      p.detail ||= !!what.detail;
      if (p.timer) return;
      p.timer = setTimeout(() => {
        const { board, overview: o, detail: d } = p;
        pending.current = { board: false, overview: false, detail: false };
        if (board) void refreshBoard();
        if (o) void refreshOverview();
        const id = opened.current;
        if (d && id) void loadCase(id);
      }, REFRESH_DELAY_MS);
    },
    [refreshBoard, refreshOverview, loadCase],
  );

  const onEvent = useCallback(
    (event: StaffEvent) => {
      const isOpen = event.id !== '' && event.id === opened.current;
      switch (event.resource) {
        case 'alert': {
          // Stalls carry their own reasons; the other alerts get one readable line each.
          const reasonsOf =
            event.type === 'stall' ? strings(event.payload.reasons) : ALERT_LINES[event.type] ? [ALERT_LINES[event.type]] : [];
          if (reasonsOf.length > 0) {
            const reasons = reasonsOf;
            const ticketId =
              typeof event.payload.ticketId === 'string' ? event.payload.ticketId : known.current.find((c) => c.id === event.id)?.ticketId;
            setAlerts((list) =>
              [
                { key: Date.now() + Math.random(), caseId: event.id, ticketId, reasons, at: Date.now() },
                ...list.filter((a) => a.caseId !== event.id),
              ].slice(0, MAX_ALERTS),
            );
          }
          schedule({ board: true });
          break;
        }
        case 'wechat':
          schedule({ overview: true });
          break;
        case 'case':
          schedule({ board: true, overview: true, detail: isOpen });
          break;
        default:
          schedule({ board: true, detail: isOpen });
      }
    },
    [schedule],
  );

  useEffect(() => {
    void refreshBoard();
    void refreshOverview();
  }, [refreshBoard, refreshOverview]);

  // The live feed and the safety poll, once the server agreed this is a supervisor.
  useEffect(() => {
    if (!allowed || forbidden) return;
    const stream = new LiveStream(session.token, {
      onEvent,
      onState: setStreamState,
      onResync: () => schedule({ board: true, overview: true, detail: true }),
    });
    stream.start();
    const timer = setInterval(() => schedule({ board: true, overview: true }), POLL_MS);
    return () => {
      stream.stop();
      clearInterval(timer);
    };
  }, [allowed, forbidden, session.token, onEvent, schedule]);

  useEffect(() => {
    setDetail(undefined);
    setDetailError(undefined);
    if (openId && !forbidden) void loadCase(openId);
  }, [openId, loadCase, forbidden]);

  const stalledCount = conversations.filter((c) => c.stalled).length;
  useEffect(() => {
    document.title = stalledCount ? `(${stalledCount}) 值班监控台` : '值班监控台';
  }, [stalledCount]);

  const open = (id: string) => {
    history.replaceState(null, '', `#case=${encodeURIComponent(id)}`);
    setOpenId(id);
  };
  const close = () => {
    history.replaceState(null, '', location.pathname);
    setOpenId(undefined);
  };

  /** Runs an action on a case; says how it went; refreshes what it changed. */
  const act = async (id: string, run: () => Promise<unknown>, done: string): Promise<string | undefined> => {
    setBusyId(id);
    try {
      const result = await run();
      const after = toCaseDetail(result);
      if (after && after.id === opened.current && after.transcript.length) {
        latest.current.detail += 1;
        setDetail(after);
      }
      toast(done);
      return undefined;
    } catch (err) {
      const text = messageOf(err);
      toast(text, 'error');
      return text;
    } finally {
      setBusyId(undefined);
      schedule({ board: true, overview: true, detail: true });
    }
  };

  const onTakeover = async (c: Conversation) => {
    const who = c.owner ? `客服 ${c.owner} 将不能再发送消息。` : '';
    if (!confirm(`确定接管工单 ${c.ticketId} 吗？接管后由您直接回复客户，${who}`)) return;
    const problem = await act(c.id, () => api.takeover(c.id), `已接管工单 ${c.ticketId}，请直接回复客户。`);
    if (!problem) open(c.id);
  };
  const onAssign = async (agent: string) => {
    const c = assignTarget;
    if (!c) return undefined;
    const problem = await act(c.id, () => api.assign(c.id, agent), `工单 ${c.ticketId} 已改派给 ${agent}。`);
    if (!problem) setAssignTarget(undefined);
    return problem;
  };
  const onNote = async (text: string) => {
    const c = noteTarget;
    if (!c) return undefined;
    const problem = await act(c.id, () => api.note(c.id, text), `悄悄话已发给 ${c.owner ?? '客服'}，客户看不到。`);
    if (!problem) setNoteTarget(undefined);
    return problem;
  };

  const caseId = detail?.id;
  const onSend = async (text: string): Promise<boolean> => {
    if (!caseId) return false;
    try {
      await api.action(caseId, 'messages', { text });
      schedule({ detail: true, board: true });
      return true;
    } catch (err) {
      toast(`消息没有发出：${messageOf(err)}`, 'error');
      schedule({ detail: true });
      return false;
    }
  };
  const onResolve = async (form: ResolveForm) => {
    if (!caseId) return undefined;
    return act(caseId, () => api.action(caseId, 'resolve', resolveBody(form)), '工单已办结，处理结果会告知客户。');
  };

  if (forbidden) {
    return html`
      <main class="forbidden" role="main">
        <div class="forbidden__card" role="alert">
          <h1>无权限</h1>
          <p>抱歉，值班监控台仅对值班主管开放。您当前以${session.role === 'agent' ? '在线客服' : ''} <strong>${me}</strong> 的身份登录。</p>
          <p class="muted">如需处理客户，请前往坐席工作台；如需主管权限，请联系系统管理员。</p>
          <div class="form__buttons">
            <a class="btn" href="/agent">前往坐席工作台</a>
            <button type="button" class="btn btn--primary" onClick=${onLogout}>换个账号登录</button>
          </div>
        </div>
      </main>
    `;
  }

  return html`
    <div class="desk">
      <header class="topbar">
        <h1 class="topbar__title">值班监控台</h1>
        <${LiveStatus} state=${streamState} />
        ${stalledCount ? html`<span class="badge badge--stall">卡顿 ${stalledCount}</span>` : null}
        <span class="topbar__user">值班主管 <strong>${me}</strong></span>
        <button type="button" class="btn btn--ghost btn--small" onClick=${onLogout}>退出登录</button>
      </header>

      <section class="alerts" aria-label="卡顿提醒" aria-live="assertive">
        ${alerts.map(
          (a) =>
            html`<div class="alert" key=${a.key} role="alert" data-case=${a.caseId}>
              <strong>会话卡顿</strong>
              <button type="button" class="link" onClick=${() => open(a.caseId)}>工单 ${a.ticketId ?? a.caseId}</button>
              ${a.reasons.map((r) => html`<span class="chip chip--signal">${r}</span>`)}
              <button
                type="button"
                class="toast__close"
                aria-label="关闭提醒"
                onClick=${() => setAlerts((list) => list.filter((x) => x.key !== a.key))}
              >
                ×
              </button>
            </div>`,
        )}
      </section>

      <main class="desk__main">
        ${boardError ? html`<p class="notice notice--error" role="alert">${boardError}</p>` : null}
        <${Board}
          conversations=${conversations}
          loaded=${loaded}
          me=${me}
          openId=${openId}
          busyId=${busyId}
          onOpen=${open}
          onTakeover=${onTakeover}
          onAssign=${setAssignTarget}
          onNote=${setNoteTarget}
        />
        ${
          openId
            ? html`<${CasePanel}
                api=${api}
                me=${me}
                detail=${detail}
                error=${detailError}
                busy=${!!busyId}
                draft=${(caseId && drafts[caseId]) || ''}
                onDraft=${(text: string) => caseId && setDrafts((d) => ({ ...d, [caseId]: text }))}
                onSend=${onSend}
                onClaim=${() => caseId && void act(caseId, () => api.action(caseId, 'claim'), '已接单。')}
                onRelease=${() => caseId && confirm('确定把这位客户退回机器人继续受理吗？') && void act(caseId, () => api.action(caseId, 'release'), '已退回机器人。')}
                onTransfer=${async (to: string) => (caseId ? act(caseId, () => api.action(caseId, 'transfer', { to }), `已转交给 ${to}。`) : undefined)}
                onResolve=${onResolve}
                onClose=${close}
              />`
            : null
        }
      </main>

      <${OverviewPanel} overview=${overview} error=${overviewError} />

      <${AssignDialog}
        target=${assignTarget}
        agents=${overview?.agents ?? []}
        onDone=${onAssign}
        onClose=${() => setAssignTarget(undefined)}
      />
      <${NoteDialog} target=${noteTarget} onDone=${onNote} onClose=${() => setNoteTarget(undefined)} />

      <${Toasts} toasts=${toasts} onDismiss=${dismiss} />
    </div>
  `;
}
