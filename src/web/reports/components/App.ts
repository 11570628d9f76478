import { html } from 'htm/preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { clearSession, loadSession, saveSession } from '../../agent/api';
import type { Session } from '../../agent/model';
import { ReportsApi } from '../api';
import { Login } from './Login';
import { Reports } from './Reports';

/** The session kept in this tab (shared with the agent console), else the login form. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [notice, setNotice] = useState<string | undefined>();
  const expire = useCallback(() => {
    clearSession();
    setSession(undefined);
    setNotice('登录已过期，请重新登录。');
  }, []);
  const api = useMemo(() => (session ? new ReportsApi(session, expire) : undefined), [session, expire]);

  if (!session || !api) {
    return html`<${Login}
      notice=${notice}
      onLogin=${(s: Session) => {
        saveSession(s);
        setNotice(undefined);
        setSession(s);
      }}
    />`;
  }
  return html`<${Reports}
    key=${session.token}
    api=${api}
    session=${session}
    onLogout=${() => {
      clearSession();
      setNotice('您已安全退出。');
      setSession(undefined);
    }}
  />`;
}
