import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logging/logger';
import { route } from '../../http/httpError';

const gzipAsync = promisify(gzip);

/**
 * The customer's chat page at `/` and what it loads: our page files from src/web/chat and the
 * official Web Chat bundle straight from its npm package (no copy to keep in sync).
 */

/**
 * Web Chat needs inline styles (emotion) and data:/blob: images; scripts come only from us.
 * Framing: our own pages, plus the operator's sites named in CHAT_FRAME_ANCESTORS (the chat is
 * often embedded in the operator's service pages); any other site could overlay it to mislead
 * customers, so it may not.
 */
function pageCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
  ].join('; ');
}

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

/** The page files live in src/web/chat; tsc does not copy them, so dist/ code looks in src/ too. */
function locatePageDir(): string {
  const candidates = [path.resolve(__dirname, '../../web/chat'), path.resolve(__dirname, '../../../../src/web/chat')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`web channel: chat page files not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The bundle's package exports hide dist/, so resolve the package entry and walk to it. */
export function webChatBundlePath(): string {
  const main = require.resolve('botframework-webchat');
  let dir = path.dirname(main);
  for (let i = 0; i < 4; i += 1) {
    const candidate = path.join(dir, 'dist', 'webchat.js');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('web channel: botframework-webchat/dist/webchat.js not found');
}

function asset(body: Buffer, type: string, cacheControl: string): Asset {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, type, etag, cacheControl };
}

export interface ChatPageOptions {
  /** Origins besides ours that may embed the page in a frame. */
  frameAncestors?: readonly string[];
}

export function mountChatPage(server: Server, logger: Logger, options: ChatPageOptions = {}): void {
  const frameAncestors = options.frameAncestors ?? [];
  const dir = locatePageDir();
  const read = (name: string) => readFileSync(path.join(dir, name));
  // Our files are small and change with deployments: revalidate every time (cheap 304s).
  const page = asset(read('index.html'), 'text/html; charset=utf-8', 'no-cache');
  const script = asset(read('chat.js'), 'application/javascript; charset=utf-8', 'no-cache');
  const style = asset(read('chat.css'), 'text/css; charset=utf-8', 'no-cache');
  const icon = asset(read('icon.svg'), 'image/svg+xml', 'public, max-age=86400');

  // 3.9 MB: read and compressed on first use, then kept; phones get ~1 MB gzipped.
  let bundle: Promise<Asset> | undefined;
  const loadBundle = (): Promise<Asset> => {
    bundle ??= (async () => {
      const body = readFileSync(webChatBundlePath());
      const a = asset(body, 'application/javascript; charset=utf-8', 'public, max-age=86400');
      a.gzipped = await gzipAsync(body, { level: 9 });
      return a;
    })().catch((err) => {
      bundle = undefined;
      throw err;
    });
    return bundle;
  };

  /** `omit`: headers of the server-wide defaults (securityHeaders.ts) this answer must not carry. */
  const serve = (get: () => Asset | Promise<Asset>, extraHeaders: Record<string, string> = {}, omit: string[] = []) =>
    route(logger, async (req: Request, res: Response) => {
      const a = await get();
      for (const name of omit) res.removeHeader(name);
      const headers: Record<string, string> = {
        'Content-Type': a.type,
        'Cache-Control': a.cacheControl,
        ETag: a.etag,
        'X-Content-Type-Options': 'nosniff',
        ...extraHeaders,
      };
      if (req.headers['if-none-match'] === a.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = a.gzipped && acceptsGzip ? a.gzipped : a.body;
      if (a.gzipped) {
        headers.Vary = 'Accept-Encoding';
        if (body === a.gzipped) headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = String(body.length);
      res.writeHead(200, headers);
      res.end(body);
    });

  const pageHeaders: Record<string, string> = { 'Content-Security-Policy': pageCsp(frameAncestors), 'Referrer-Policy': 'no-referrer' };
  // X-Frame-Options cannot name other sites: with embedding sites, frame-ancestors alone decides.
  if (!frameAncestors.length) pageHeaders['X-Frame-Options'] = 'SAMEORIGIN';
  server.get(
    '/',
    serve(() => page, pageHeaders, frameAncestors.length ? ['X-Frame-Options'] : []),
  );
  server.get(
    '/webchat/chat.js',
    serve(() => script),
  );
  server.get(
    '/webchat/chat.css',
    serve(() => style),
  );
  server.get(
    '/webchat/icon.svg',
    serve(() => icon),
  );
  // Browsers ask for it whatever the page says; answer rather than log a 404 per visit.
  server.get(
    '/favicon.ico',
    serve(() => icon),
  );
  server.get('/webchat/webchat.js', serve(loadBundle));
}
