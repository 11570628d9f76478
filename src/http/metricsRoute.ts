import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'restify';
import { clientAddress } from '../channels/web/publicUrl';
import type { Logger } from '../logging/logger';
import type { AppMetrics } from '../metrics/appMetrics';
import { HttpError, route } from './httpError';

export interface MetricsRouteOptions {
  metrics: AppMetrics;
  logger: Logger;
  /** Bearer token Prometheus must send; unset, only loopback clients are answered. */
  token?: string;
  /** Behind a reverse proxy: judge loopback by X-Forwarded-For, not by the proxy's own address. */
  trustProxy: boolean;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** Equal-length digests, so the comparison takes the same time whatever the given token is. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1];
}

/** GET /metrics in Prometheus' text format; who may read it is decided before anything is collected. */
export function mountMetricsRoute(server: Server, options: MetricsRouteOptions): void {
  server.get(
    '/metrics',
    route(options.logger, async (req, res) => {
      if (options.token) {
        const given = bearerOf(req.headers.authorization);
        if (given === undefined || !sameToken(given, options.token)) {
          res.header('WWW-Authenticate', 'Bearer realm="metrics"');
          throw new HttpError(401, 'Unauthorized', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
        }
      } else if (!LOOPBACK.test(clientAddress(req, options.trustProxy))) {
        throw new HttpError(403, 'Forbidden', 'metrics are served to this machine only unless METRICS_TOKEN is set');
      }
      const body = await options.metrics.registry.metrics();
      res.sendRaw(200, body, { 'Content-Type': options.metrics.registry.contentType });
    }),
  );
}
