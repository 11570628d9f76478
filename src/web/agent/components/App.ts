import { html } from 'htm/preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { Api, clearSession, loadSession, saveSession } from '../api';
import type { Session } from '../model';
import { Console } from './Console';
import { Login } from './Login';

/** Login, or the console for the session kept in this tab; a 401 anywhere leads back to login. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [notice, setNotice] = useState<string | undefined>();

  const expire = useCallback(() => {
    clearSession();
    setSession(undefined);
    setNotice('登录已过期或已在别处退出，请重新登录。');
  }, []);

  const api = useMemo(() => (session ? new Api(session, expire) : undefined), [session, expire]);

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
  return html`<${Console}
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
