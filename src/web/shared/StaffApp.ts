import { html } from 'htm/preact';
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { clearSession, loadChannels, loadSession, logout, saveSession } from '../agent/api';
import { setChannels } from '../agent/format';
import type { Session } from '../agent/model';
import { Login, type LoginProps } from './Login';

/** What a staff page's main component is given once someone is logged in. */
export interface StaffPageProps<A> {
  api: A;
  session: Session;
  onLogout(): void;
}

export interface StaffAppProps<A> {
  /** The page's API client for a session; it calls `expire` when the server answers 401. */
  createApi(session: Session, expire: () => void): A;
  /** The page itself, shown while logged in (keyed by the session's token). */
  Page: ComponentType<StaffPageProps<A>>;
  /** The login form's title and hint (and whether it takes the focus). */
  login: Omit<LoginProps, 'notice' | 'onLogin'>;
  /** Shown on the login form after a 401 anywhere. */
  expiredNotice?: string;
}

/**
 * A staff page's shell: the login form, or the page for the session kept in this tab (shared by
 * /agent, /supervisor and /reports); a 401 anywhere leads back to login.
 */
export function StaffApp<A>({ createApi, Page, login, expiredNotice = '登录已过期或已在别处退出，请重新登录。' }: StaffAppProps<A>) {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [notice, setNotice] = useState<string | undefined>();

  const expire = useCallback(() => {
    clearSession();
    setSession(undefined);
    setNotice(expiredNotice);
  }, [expiredNotice]);

  // createApi is a module-level function of each page: it never changes.
  const api = useMemo(() => (session ? createApi(session, expire) : undefined), [session, expire]);

  // Channel names and capabilities come from the server's registry, before the page first draws.
  const [channelsFor, setChannelsFor] = useState<string | undefined>();
  useEffect(() => {
    if (!session) return;
    let current = true;
    loadChannels(session.token)
      .then((list) => {
        if (!current) return;
        if (!list) return expire();
        setChannels(list);
        setChannelsFor(session.token);
      })
      // Unreachable for now: the page still works, naming channels by their ids.
      .catch(() => current && setChannelsFor(session.token));
    return () => {
      current = false;
    };
  }, [session, expire]);

  if (!session || !api) {
    return html`<${Login}
      ...${login}
      notice=${notice}
      onLogin=${(s: Session) => {
        saveSession(s);
        setNotice(undefined);
        setSession(s);
      }}
    />`;
  }
  if (channelsFor !== session.token) return html`<p class="boot" role="status">正在加载…</p>`;
  return html`<${Page}
    key=${session.token}
    api=${api}
    session=${session}
    onLogout=${async () => {
      // The token is ended on the server first; the page lets the person go either way.
      const confirmed = await logout(session.token);
      clearSession();
      setNotice(confirmed ? '您已安全退出。' : '已退出本页。网络暂时不稳定，服务器没能确认，为安全起见请稍后重新登录并再退出一次。');
      setSession(undefined);
    }}
  />`;
}
