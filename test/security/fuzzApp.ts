import { BOOTSTRAP_USERS, AGENT, SUPERVISOR, tokenFor } from '../api/authHelpers';
import { startConversation, waitFor } from '../channels/web/helpers/webServer';
import { createApp, type App } from '../../src/index';

/** The whole service on a free port (memory store), with customers and staff to fuzz as. */
export interface FuzzTarget {
  app: App;
  port: number;
  base: string;
  customer: { conversationId: string; token: string; userId: string };
  otherCustomer: { conversationId: string; token: string };
  agentToken: string;
  supervisorToken: string;
  caseId: string;
  stop(): Promise<void>;
}

/** Seed for every generated input; FUZZ_SEED reproduces a run. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261203);

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const app = createApp({
    port: 0,
    host: '127.0.0.1',
    // The token rate limit would answer 429 to nearly everything: the fuzz wants validation.
    env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', BOOTSTRAP_USERS, TOKEN_RATE_PER_MINUTE: '10000' },
  });
  await app.start();
  const base = `http://127.0.0.1:${app.port}`;
  const customer = await startConversation(base);
  const otherCustomer = await startConversation(base);
  const agentToken = await tokenFor(base, AGENT);
  const supervisorToken = await tokenFor(base, SUPERVISOR);
  // A real queued case, so case routes are fuzzed past "no such case".
  const said = await fetch(`${base}/v3/directline/conversations/${customer.conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${customer.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: '转人工', from: { id: customer.userId } }),
  });
  if (said.status !== 200) throw new Error(`customer message answered ${said.status}`);
  const caseId = await waitFor(
    async () => {
      const res = await fetch(`${base}/api/cases`, { headers: { Authorization: `Bearer ${supervisorToken}` } });
      const rows = (await res.json()) as { id: string }[];
      return rows[0]?.id;
    },
    10_000,
    'a queued case',
  );
  return {
    app,
    port: app.port,
    base,
    customer,
    otherCustomer,
    agentToken,
    supervisorToken,
    caseId,
    stop: () => app.stop(),
  };
}

/** Authorization values: none of them right for every route, each right for some. */
export function authorizationsOf(t: FuzzTarget): string[] {
  const tampered = t.supervisorToken.slice(0, -2) + (t.supervisorToken.endsWith('A') ? 'BB' : 'AA');
  return [
    `Bearer ${t.customer.token}`,
    `Bearer ${t.otherCustomer.token}`,
    `Bearer ${t.agentToken}`,
    `Bearer ${t.supervisorToken}`,
    `Bearer ${t.supervisorToken}`,
    `Bearer ${tampered}`,
    'Bearer garbage.garbage.garbage',
    'Bearer',
    'Basic bGlodWE6c3VwZXItcGFzcy0x',
    `Bearer ${'x'.repeat(3000)}`,
  ];
}
