import pino from 'pino';
import { maskPersonalInfo } from '../privacy/mask';

/**
 * Turns anything handed to the logger into plain data that is safe to serialise, with every
 * string passed through the personal-information mask. Errors become pino's standard shape
 * (type, message, stack, cause and their own fields), so a log line says what failed.
 *
 * Log calls happen inside error handlers: this must never throw, whatever it is given. Cycles
 * (ioredis's MaxRetriesPerRequestError keeps `previousErrors` that point back at it), deep
 * nesting, huge collections and throwing getters are cut with a marker instead.
 */
const MAX_DEPTH = 8;
const MAX_KEYS = 200;
const MAX_ITEMS = 100;

export function logSafe(value: unknown): unknown {
  try {
    return walk(value, 0, new Set());
  } catch {
    return '[Unloggable]';
  }
}

function walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return maskPersonalInfo(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return undefined;
    return value;
  }
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[Binary ${value.byteLength} bytes]`;
  if (value instanceof Error) {
    // pino's own serialiser reads the non-enumerable message and stack; its result is walked like any object.
    return walkWith(value, () => walk(serializeError(value), depth, ancestors), ancestors);
  }
  return walkWith(
    value,
    () => {
      if (Array.isArray(value)) {
        const items = value.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1, ancestors));
        if (value.length > MAX_ITEMS) items.push(`[${value.length - MAX_ITEMS} more]`);
        return items;
      }
      if (value instanceof Map) return walk(Object.fromEntries([...value].slice(0, MAX_KEYS)), depth, ancestors);
      if (value instanceof Set) return walk([...value].slice(0, MAX_ITEMS), depth, ancestors);
      const out: Record<string, unknown> = {};
      const keys = Object.keys(value);
      for (const key of keys.slice(0, MAX_KEYS)) {
        let field: unknown;
        try {
          field = (value as Record<string, unknown>)[key];
        } catch {
          field = '[Unreadable]';
        }
        const safe = walk(field, depth + 1, ancestors);
        if (safe !== undefined) out[maskPersonalInfo(key)] = safe;
      }
      if (keys.length > MAX_KEYS) out['[more keys]'] = keys.length - MAX_KEYS;
      return out;
    },
    ancestors,
  );
}

/** pino's shape; an error whose own fields cannot be read (a throwing getter) still gives its name, message and stack. */
function serializeError(err: Error): unknown {
  try {
    return pino.stdSerializers.err(err);
  } catch {
    const read = (key: 'name' | 'message' | 'stack') => {
      try {
        return String(err[key] ?? '');
      } catch {
        return '[Unreadable]';
      }
    };
    return { type: read('name'), message: read('message'), stack: read('stack') };
  }
}

/** Runs `fn` with `value` marked as being walked, so a reference back to it reads [Circular]. */
function walkWith(value: object, fn: () => unknown, ancestors: Set<object>): unknown {
  ancestors.add(value);
  try {
    return fn();
  } finally {
    ancestors.delete(value);
  }
}
