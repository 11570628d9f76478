import { html } from 'htm/preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { clearSession, loadSession, saveSession } from '../../agent/api';
import { Login } from '../../agent/components/Login';
import type { Session } from '../../agent/model';
import { SupervisorApi } from '../api';
import { Desk } from './Desk';

/** The console's login (and its tab-scoped session), then the supervisor's desk. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [notice, setNotice] = useState<string | undefined>();

  const expire = useCallback(() => {
    clearSession();
    setSession(undefined);
    setNotice('登录已过期或已在别处退出，请重新登录。');
  }, []);

  const api = useMemo(() => (session ? new SupervisorApi(session, expire) : undefined), [session, expire]);

  if (!session || !api) {
    return html`<${Login}
      title="值班监控台"
      hint="值班主管登录后可查看全部会话、接管或改派卡顿的会话。"
      notice=${notice}
      onLogin=${(s: Session) => {
        saveSession(s);
        setNotice(undefined);
        setSession(s);
      }}
    />`;
  }
  return html`<${Desk}
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
