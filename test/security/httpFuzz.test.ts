import http from 'node:http';
import fc from 'fast-check';
import { authorizationsOf, FUZZ_SEED, startFuzzTarget, type FuzzTarget } from './fuzzApp';
import { emptyTally, healthy, leakIn, pool, send, SLOW_MS, table, type Tally } from './fuzzHarness';
import { requestFor, type FuzzContext, type FuzzRequest } from './fuzzInputs';

/**
 * Every route of the running service, as the restify router lists it (a route added later is
 * fuzzed without touching this file), gets FUZZ_RUNS generated bad requests over real HTTP.
 * No answer may be a 5xx, slower than 2 s (also when sent again alone) or show internals; the service must still answer
 * /healthz after each route's batch.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const CONCURRENCY = 8;

interface Finding {
  route: string;
  what: string;
  request: Pick<FuzzRequest, 'method' | 'path' | 'kind'> & { headers: string[]; bodyStart?: string };
}

describe('HTTP fuzz: every route', () => {
  let target: FuzzTarget;
  let agent: http.Agent;

  beforeAll(async () => {
    target = await startFuzzTarget();
    agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  }, 60_000);

  afterAll(async () => {
    agent?.destroy();
    await target?.stop();
  });

  it(`answers ${RUNS} bad requests per route with no 5xx, no slow answer, no internals, and stays up`, async () => {
    const routes = Object.values(target.app.server.router.getRoutes() as Record<string, { method: string; path: string }>)
      .map((r) => ({ method: r.method, path: String(r.path) }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
    // Requests to paths nobody serves are fuzzed too.
    routes.push({ method: 'GET', path: '/*' });
    expect(routes.length).toBeGreaterThan(40);

    const ctx: FuzzContext = {
      realParams: {
        id: [target.caseId],
        conversationId: [target.customer.conversationId, target.otherCustomer.conversationId],
        index: ['0', '1'],
      },
      authorizations: authorizationsOf(target),
    };
    const rows: [string, Tally][] = [];
    const findings: Finding[] = [];
    const started = Date.now();

    for (const [n, route] of routes.entries()) {
      const name = route.path === '/*' ? '(no route) /*' : `${route.method} ${route.path}`;
      const inputs = fc.sample(requestFor(route.method, route.path, ctx), { numRuns: RUNS, seed: FUZZ_SEED + n });
      const tally = emptyTally();
      // Slow under 8 concurrent requests on a machine that may be running other suites: each such
      // request is sent again alone, and only one that is slow again (the input itself costs the
      // time, as a parser or regex on a hostile body would) counts.
      const suspects: { req: FuzzRequest; ms: number }[] = [];
      const note = (what: string, req: FuzzRequest) => {
        if (findings.filter((f) => f.route === name).length >= 3) return;
        findings.push({
          route: name,
          what,
          request: {
            method: req.method,
            path: req.path.slice(0, 200),
            kind: req.kind,
            headers: Object.keys(req.headers),
            bodyStart: req.body?.subarray(0, 120).toString('utf8'),
          },
        });
      };
      await pool(inputs, CONCURRENCY, async (req) => {
        const answer = await send(target.port, agent, req);
        if (answer.status === 0) return; // refused by our own client: nothing reached the server
        tally.inputs += 1;
        tally.maxMs = Math.max(tally.maxMs, answer.ms);
        if (answer.status === undefined) {
          tally.resets += 1;
          if (!req.mayReset) note(`no answer (${answer.error})`, req);
          return;
        }
        if (answer.status >= 500) {
          tally.s5xx += 1;
          note(`${answer.status} ${answer.body.slice(0, 200)}`, req);
        } else if (answer.status >= 400) {
          tally.s4xx += 1;
          if (answer.status === 401 || answer.status === 403) tally.denied += 1;
        } else tally.s2xx += 1;
        if (answer.ms > SLOW_MS) suspects.push({ req, ms: answer.ms });
        const leak = leakIn(answer);
        if (leak) {
          tally.leaks += 1;
          note(`leaks "${leak}": ${answer.body.slice(0, 200)}`, req);
        }
      });
      for (const { req, ms } of suspects) {
        const again = await send(target.port, agent, req);
        if (again.status !== 0 && again.ms > SLOW_MS) {
          tally.slow += 1;
          note(`slow: ${ms} ms, again alone ${again.ms} ms`, req);
        }
      }
      rows.push([name, tally]);
      if (!(await healthy(target.port))) {
        findings.push({
          route: name,
          what: 'service stopped answering /healthz after this batch',
          request: { method: '', path: '', kind: '', headers: [] },
        });
        break;
      }
    }

    const total = rows.reduce((sum, [, t]) => {
      for (const k of Object.keys(t) as (keyof Tally)[]) sum[k] = k === 'maxMs' ? Math.max(sum[k], t[k]) : sum[k] + t[k];
      return sum;
    }, emptyTally());
    rows.push(['TOTAL', total]);
    console.log(`HTTP fuzz, seed ${FUZZ_SEED}, ${RUNS} runs per route, ${Math.round((Date.now() - started) / 1000)} s\n${table(rows)}`);
    if (findings.length) console.log(`findings:\n${JSON.stringify(findings, null, 2)}`);

    expect(findings).toEqual([]);
    expect(total.s5xx).toBe(0);
    // Every route really was reached with the asked number of inputs (client-refused paths aside).
    for (const [name, t] of rows) expect([name, t.inputs >= RUNS * 0.95]).toEqual([name, true]);
  }, 600_000);
});
