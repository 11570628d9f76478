import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  Chime,
  desktopState,
  disableDesktop,
  enableDesktop,
  rememberSound,
  showDesktop,
  soundPreferred,
  type DesktopState,
} from './alerts';
import type { StaffEvent } from './model';
import { clearCase, countNotice, isUnseen, keepListed, noticeOf, titleFor, totalUnread, type Unread, type Viewing } from './notices';

export interface Notices {
  unread: Unread;
  /** Reads a stream event; one that calls for the agent's attention is counted and alerted. */
  heard(event: StaffEvent): void;
  /** A queue read that started at `startedAt` listed these cases: the others' counts go. */
  listed(ids: ReadonlySet<string>, startedAt: number): void;
  sound: boolean;
  setSound(on: boolean): void;
  desktop: DesktopState;
  askDesktop(): Promise<void>;
  stopDesktop(): void;
}

function tabVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/**
 * The console's notifications (src/web/agent/notices.ts): unread counts per case and in the
 * title, and, for what the agent cannot be looking at, the tone and the desktop notification.
 * Opening a case clears its count; so does coming back to the tab with it open.
 */
export function useNotices(me: string, openCaseId: string | undefined, open: (caseId: string) => void): Notices {
  const [unread, setUnread] = useState<Unread>({});
  const [visible, setVisible] = useState(tabVisible);
  const [sound, setSoundState] = useState(soundPreferred);
  const [desktop, setDesktop] = useState<DesktopState>(desktopState);
  const chime = useMemo(() => new Chime(), []);
  const viewing = useRef<Viewing>({ openCaseId, visible });
  viewing.current = { openCaseId, visible };
  const latest = useRef({ sound, open });
  latest.current = { sound, open };

  useEffect(() => {
    const onChange = () => setVisible(tabVisible());
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  useEffect(() => {
    if (visible) setUnread((u) => clearCase(u, openCaseId));
  }, [openCaseId, visible]);

  const total = totalUnread(unread);
  useEffect(() => {
    document.title = titleFor(total);
  }, [total]);

  const heard = useCallback(
    (event: StaffEvent) => {
      const notice = noticeOf(event, me);
      if (!notice || !isUnseen(notice, viewing.current)) return;
      const at = Date.now();
      setUnread((u) => countNotice(u, notice, viewing.current, at));
      if (latest.current.sound) chime.play();
      showDesktop(notice, (id) => latest.current.open(id));
    },
    [me, chime],
  );

  const listed = useCallback((ids: ReadonlySet<string>, startedAt: number) => setUnread((u) => keepListed(u, ids, startedAt)), []);

  const setSound = useCallback(
    (on: boolean) => {
      rememberSound(on);
      setSoundState(on);
      // Inside the agent's click: the one moment a browser lets a page start its audio.
      if (on) chime.prepare();
    },
    [chime],
  );

  const askDesktop = useCallback(async () => setDesktop(await enableDesktop()), []);
  const stopDesktop = useCallback(() => setDesktop(disableDesktop()), []);

  return { unread, heard, listed, sound, setSound, desktop, askDesktop, stopDesktop };
}
