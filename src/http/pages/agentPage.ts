import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { createLogger, type Logger } from '../../logging/logger';
import { route } from '../httpError';

/**
 * The staff pages built by `npm run build:web` (src/web/<name> → dist/web/<name>): the agent
 * console at `/agent`, the supervisor view at `/supervisor`, and any other page mounted with
 * `mountBuiltPage`. Files are served as they are on disk (a rebuild shows up on the next
 * request, no restart). Nothing comes from a CDN, so the pages work on a closed network.
 */

/** Only our own bundle and styles; the API and its WebSocket are on the same origin. */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A plain file name in the build directory: no folders, no dot-files, nothing to climb out with. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.map', '.svg', '.txt']);

interface Asset {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzipped?: Buffer;
  type: string;
  etag: string;
}

export interface AgentPageOptions {
  logger?: Logger;
  /** Where the built console is; dist/web/agent under the package root by default. */
  dir?: string;
}

export interface BuiltPageOptions {
  logger?: Logger;
  /** The page's name: its URL is `/<name>`, its build dist/web/<name> unless `dir` says otherwise. */
  name: string;
  /** The page's Chinese title, for the "not built yet" answer. */
  title: string;
  dir?: string;
}

/** The package root: the nearest folder upwards with this package's package.json (works from src/ under ts-jest and from dist/). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'complaint-desk') return dir;
      } catch {
        /* unreadable: keep looking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`built page: package root of complaint-desk not found above ${from}`);
    dir = parent;
  }
}

/** Where `npm run build:web` puts the page called `name`. */
export function builtPageDir(name: string): string {
  return path.join(packageRoot(), 'dist', 'web', name);
}

export function agentConsoleDir(): string {
  return builtPageDir('agent');
}

const notBuilt = (title: string, name: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}尚未构建</title></head>
<body style="font-family:sans-serif;padding:40px;line-height:1.6">
<h1>${title}尚未构建</h1>
<p>请在服务目录运行 <code>npm run build</code>（或 <code>npm run build:web</code>）后刷新本页。</p>
<p lang="en">The page /${name} has not been built: run <code>npm run build</code> and reload.</p>
</body></html>`;

/** The agent console at `/agent`. */
export function mountAgentPage(server: Server, options: AgentPageOptions = {}): void {
  mountBuiltPage(server, { name: 'agent', title: '坐席工作台', ...options });
}

/** One built page at `/<name>` (and its files under `/<name>/`). */
export function mountBuiltPage(server: Server, options: BuiltPageOptions): void {
  const { name, title } = options;
  if (!SAFE_NAME.test(name) || name.includes('.')) throw new Error(`built page: bad page name "${name}"`);
  const logger = options.logger ?? createLogger('silent');
  const dir = options.dir ?? builtPageDir(name);
  const NOT_BUILT = notBuilt(title, name);
  if (!existsSync(path.join(dir, 'index.html'))) {
    logger.warn({ dir, page: name }, `page not built: /${name} answers 503 until \`npm run build\` has run`);
  }

  const cache = new Map<string, Asset>();
  /** The file as it is on disk now; re-read when it changed. Undefined when it is not there. */
  const load = (name: string): Asset | undefined => {
    const file = path.join(dir, name);
    let info;
    try {
      info = statSync(file);
    } catch {
      cache.delete(name);
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = readFileSync(file);
    const ext = path.extname(name).toLowerCase();
    const asset: Asset = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      body,
      gzipped: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    };
    cache.set(name, asset);
    return asset;
  };

  const send = (req: Request, res: Response, a: Asset, extra: Record<string, string>) => {
    const headers: Record<string, string> = {
      'Content-Type': a.type,
      // Built files keep their names across releases: the browser revalidates (cheap 304s).
      'Cache-Control': 'no-cache',
      ETag: a.etag,
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    };
    if (a.gzipped) headers.Vary = 'Accept-Encoding';
    if (req.headers['if-none-match'] === a.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gzip = a.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? a.gzipped! : a.body;
    if (gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const servePage = async (req: Request, res: Response): Promise<void> => {
    const index = load('index.html');
    if (!index) {
      res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '30' });
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT);
      return;
    }
    send(req, res, index, {
      'Content-Security-Policy': PAGE_CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
  };

  const serveFile = async (req: Request, res: Response): Promise<void> => {
    const rest = String((req.params as Record<string, string> | undefined)?.['*'] ?? '');
    // Each page is one page: a path without a file extension is that page (deep links).
    if (!rest.includes('.') || rest === 'index.html') return servePage(req, res);
    const a = SAFE_NAME.test(rest) ? load(rest) : undefined;
    if (!a) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end('not found');
      return;
    }
    send(req, res, a, {});
  };

  const page = route(logger, servePage);
  const file = route(logger, serveFile);
  server.get(`/${name}`, page);
  server.head(`/${name}`, page);
  server.get(`/${name}/*`, file);
  server.head(`/${name}/*`, file);
}
