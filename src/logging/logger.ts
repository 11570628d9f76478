import pino, { type Logger } from 'pino';
import { maskPersonalInfo } from '../privacy/mask';

export type { Logger };

/**
 * Structured logs on stdout. Every string that reaches a log line passes through the
 * personal-information mask, so a customer's phone or ID number never lands in a log file.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'complaint-desk' },
    formatters: {
      log(object) {
        return JSON.parse(JSON.stringify(object, (_k, v) => (typeof v === 'string' ? maskPersonalInfo(v) : v)));
      },
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPersonalInfo(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  });
}
