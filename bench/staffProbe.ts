import { performance } from 'node:perf_hooks';

/** How the benchmarks time the staff API as a console calls it: one supervisor, authenticated GETs. */
export const BENCH_SUPERVISOR = { username: 'bench-sup', password: 'bench-sup-password' };
export const BENCH_SUPERVISOR_USERS = `${BENCH_SUPERVISOR.username}:supervisor:${BENCH_SUPERVISOR.password}`;

export async function supervisorToken(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_SUPERVISOR),
  });
  if (login.status !== 200) throw new Error(`bench login answered ${login.status}`);
  return ((await login.json()) as { token: string }).token;
}

/** Milliseconds of `rounds` GETs one after another, each read to its end; anything but 200 fails the bench. */
export async function timedGets(url: string, token: string, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** A JSON POST as the consoles and Direct Line clients send it; the body is read unless the answer is 204. */
export async function postJson(
  base: string,
  path: string,
  token: string | undefined,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
}
