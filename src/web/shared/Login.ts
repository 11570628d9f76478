import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, login } from '../agent/api';
import type { Session } from '../agent/model';

export interface LoginProps {
  /** Why the user is here again (e.g. the session expired). */
  notice?: string;
  onLogin(session: Session): void;
  /** The page's name and what logging in is for. */
  title: string;
  hint: string;
  /** Put the cursor in the user name field on arrival (true by default). */
  autoFocus?: boolean;
}

/** The staff pages' login form (/agent, /supervisor, /reports): one staff account for all of them. */
export function Login({ notice, onLogin, title, hint, autoFocus = true }: LoginProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) userRef.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError('请输入用户名和密码。');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await login(username.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '登录没有成功，请稍后再试。');
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return html`
    <main class="login">
      <form class="login__card" onSubmit=${submit} aria-labelledby="login-title" novalidate>
        <h1 id="login-title">${title}</h1>
        <p class="login__hint">${hint}</p>
        ${notice && !error ? html`<p class="notice notice--info" role="status">${notice}</p>` : null}
        ${error ? html`<p class="notice notice--error" role="alert">${error}</p>` : null}
        <label class="field">
          <span>用户名</span>
          <input
            ref=${userRef}
            name="username"
            autocomplete="username"
            autocapitalize="off"
            spellcheck=${false}
            value=${username}
            onInput=${(e: Event) => setUsername((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        <label class="field">
          <span>密码</span>
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            value=${password}
            onInput=${(e: Event) => setPassword((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        <button class="btn btn--primary btn--block" type="submit" disabled=${busy}>${busy ? '正在登录…' : '登录'}</button>
      </form>
    </main>
  `;
}
