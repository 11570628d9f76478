import pino, { type DestinationStream, type Logger } from 'pino';
import { maskPersonalInfo } from '../privacy/mask';
import { logSafe } from './logSafe';

export type { Logger };

/**
 * Structured logs on stdout (or `destination`, for tests). Every string that reaches a log line
 * passes through the personal-information mask, so a customer's phone or ID number never lands
 * in a log file; errors keep their message and stack (pino's err serialiser). Logging never
 * throws, whatever object it is given (see logSafe).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'complaint-desk' },
    // pino runs serializers after formatters.log, which has already turned every Error (under
    // any key) into pino.stdSerializers.err's shape and masked it; the default err serializer
    // would read that plain object as an error of type "Object".
    serializers: { err: (value: unknown) => (value instanceof Error ? logSafe(value) : value) },
    formatters: {
      log: (object) => logSafe(object) as Record<string, unknown>,
      bindings: (bindings) => logSafe(bindings) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked: unknown[] = args.map((a, i) => (typeof a === 'string' ? maskPersonalInfo(a) : i === 0 ? a : logSafe(a)));
        // logger.error(err) alone: pino would take the unmasked err.message as the line's msg.
        if (masked[0] instanceof Error && typeof masked[1] !== 'string') {
          masked.splice(0, 1, { err: masked[0] }, maskPersonalInfo(masked[0].message));
        }
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
