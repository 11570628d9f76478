import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'restify';
import { agentConsoleDir, mountAgentPage, packageRoot } from '../../src/http/pages/agentPage';
import { createHttpServer } from '../../src/http/httpServer';
import { createLogger } from '../../src/logging/logger';

/** Serving the built console: types, caching, compression, deep links, nothing outside the build. */
describe('agent page serving (/agent)', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'agent-page-'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><title>坐席工作台</title><script type="module" src="/agent/main.js"></script>',
    );
    writeFileSync(path.join(dir, 'main.js'), `console.log(${JSON.stringify('坐席'.repeat(2000))});`);
    writeFileSync(path.join(dir, 'agent.css'), 'body{color:#123}');
    writeFileSync(path.join(dir, 'main.js.map'), '{"version":3}');
    writeFileSync(path.join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = createHttpServer({ logger: createLogger('silent') });
    mountAgentPage(server, { dir });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at /agent, /agent/ and deep links, never cached without revalidation, with a strict CSP', async () => {
    for (const p of ['/agent', '/agent/', '/agent/cases/123', '/agent/index.html']) {
      const res = await fetch(base + p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('坐席工作台');
    }
  });

  it('serves each built file with its content type, and answers 304 to a matching ETag', async () => {
    const types: Record<string, RegExp> = {
      'main.js': /^application\/javascript/,
      'agent.css': /^text\/css/,
      'main.js.map': /^application\/json/,
      'icon.svg': /^image\/svg\+xml/,
    };
    for (const [name, type] of Object.entries(types)) {
      const res = await fetch(`${base}/agent/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const again = await fetch(`${base}/agent/${name}`, { headers: { 'If-None-Match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
  });

  it('compresses the bundle for clients that accept gzip', async () => {
    const res = await fetch(`${base}/agent/main.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // fetch decompresses; Content-Length is what went over the wire (the file is 12 KB).
    expect(Number(res.headers.get('content-length'))).toBeLessThan(1000);
    expect(await res.text()).toContain('坐席');
  });

  it('picks up a rebuilt file without a restart', async () => {
    const before = await (await fetch(`${base}/agent/agent.css`)).text();
    writeFileSync(path.join(dir, 'agent.css'), 'body{color:#456}');
    utimesSync(path.join(dir, 'agent.css'), new Date(), new Date(Date.now() + 5000));
    const after = await (await fetch(`${base}/agent/agent.css`)).text();
    expect(before).toContain('#123');
    expect(after).toContain('#456');
  });

  it('serves nothing outside the build directory and 404s unknown files', async () => {
    for (const p of [
      '/agent/..%2Fpackage.json',
      '/agent/%2E%2E/%2E%2E/package.json',
      '/agent/missing.js',
      '/agent/.hidden.js',
      '/agent/a/b.js',
    ]) {
      const res = await fetch(base + p);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('"name"');
    }
  });

  it('says in Chinese that the console is not built yet, instead of crashing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'agent-page-empty-'));
    const s = createHttpServer({ logger: createLogger('silent') });
    mountAgentPage(s, { dir: empty });
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/agent`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      s.server.closeAllConnections?.();
      await new Promise<void>((resolve) => s.close(() => resolve()));
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('finds the build under the package root, from src/ (ts-jest) as from dist/', () => {
    const root = packageRoot();
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('complaint-desk');
    expect(agentConsoleDir()).toBe(path.join(root, 'dist', 'web', 'agent'));
    expect(packageRoot(path.join(root, 'dist', 'src', 'http', 'pages'))).toBe(root);
  });
});
