import pino from 'pino';
import type { Logger } from '../../src/logging/logger';

/** A pino logger whose lines the WeChat tests can read ("says so in the logs"). */
export function wechatLogCapture(level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>>; messages: () => string[] } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines, messages: () => lines.map((l) => String(l.msg)) };
}
