import type { ServerResponse } from 'node:http';
import type { Next, Request, Response } from 'restify';

/**
 * Headers every answer carries, error answers (404, 405, 413 …) included. They are set before
 * routing, so a route that writes its own (the pages' CSP, static files' Cache-Control) wins for
 * that header and keeps the rest. Change one with res.setHeader: restify's res.header() would
 * append a second value ("no-store, no-store").
 *
 * - nosniff: a JSON answer or an attachment must never be run as a script or page.
 * - no-store: API and Direct Line answers carry personal data and tokens; no browser or proxy
 *   cache may keep them. Static files say their own caching.
 * - no-referrer: URLs carry conversation ids and, for streams, tokens.
 * - framing refused: the staff pages (/agent, /supervisor, /reports) and the API are never framed
 *   (clickjacking on claim/transfer/reveal buttons). The customer chat at `/` sets its own
 *   frame-ancestors (chatPage.ts): the operator may embed it in its own site.
 */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // An API answer opened as a document runs nothing and loads nothing.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function setSecurityHeaders(res: Pick<ServerResponse, 'setHeader'>): void {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
}

/** A restify `pre` handler: runs for every request, found routes or not. */
export function securityHeaders() {
  return (_req: Request, res: Response, next: Next): void => {
    setSecurityHeaders(res);
    next();
  };
}

/** The same headers as raw lines, for answers written straight to a socket (refused upgrades). */
export function securityHeaderLines(): string {
  return Object.entries(BASE_SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
}
