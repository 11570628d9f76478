import { createApp, type App, type AppOptions } from '../../src/index';
import { TEST_SECURE_ENV } from '../helpers/redis';

/** Two bootstrap accounts every staff API test logs in with. */
export const AGENT = { username: 'zhangwei', password: 'agent-pass-1' };
export const SUPERVISOR = { username: 'lihua', password: 'super-pass-1' };
export const BOOTSTRAP_USERS = `${AGENT.username}:agent:${AGENT.password},${SUPERVISOR.username}:supervisor:${SUPERVISOR.password}`;

export interface RunningApp {
  app: App;
  base: string;
  stop(): Promise<void>;
}

/** The whole service on a free port, with the two accounts above. */
export async function startStaffApp(options: AppOptions = {}): Promise<RunningApp> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    ...options,
    // The Redis secrets too: harmless in memory, required on Redis.
    env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', BOOTSTRAP_USERS, ...TEST_SECURE_ENV, ...(options.env ?? {}) },
  });
  await app.start();
  return { app, base: `http://127.0.0.1:${app.port}`, stop: () => app.stop() };
}

export async function login(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

export async function tokenFor(base: string, who: { username: string; password: string }): Promise<string> {
  const res = await login(base, who);
  if (res.status !== 200) throw new Error(`login of ${who.username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export async function getJson(base: string, path: string, token?: string) {
  const res = await fetch(`${base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
