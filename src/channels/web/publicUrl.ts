import type { IncomingMessage } from 'node:http';

/**
 * The origin the client used to reach us, so streamUrl and serviceUrl point back at the same
 * host and scheme (also behind a TLS-terminating proxy). It only shapes URLs handed back to
 * the same client, so a forged header only misleads the forger.
 */
export function publicOrigin(req: IncomingMessage): { http: string; ws: string } {
  const forwardedProto = firstValue(req.headers['x-forwarded-proto']);
  const secure = forwardedProto ? forwardedProto === 'https' : Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const claimed = firstValue(req.headers['x-forwarded-host']) ?? req.headers.host ?? '';
  const host = HOST.test(claimed) ? claimed : 'localhost';
  return { http: `${secure ? 'https' : 'http'}://${host}`, ws: `${secure ? 'wss' : 'ws'}://${host}` };
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0].trim();
  return first || undefined;
}

/** Client address for rate limiting; X-Forwarded-For only when told a trusted proxy sets it. */
export function clientAddress(req: IncomingMessage, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    // The last entry is the one our own proxy added; earlier ones are whatever the client sent.
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return req.socket.remoteAddress ?? 'unknown';
}
