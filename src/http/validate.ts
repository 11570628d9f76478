import type { Request } from 'restify';
import type { z } from 'zod';
import { HttpError } from './httpError';

/** Parses a request part with a zod schema, or throws a 400 whose message says what is wrong. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, what = 'request body'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`)
      .join('; ');
    throw new HttpError(400, 'BadRequest', `invalid ${what}: ${reason}`);
  }
  return parsed.data;
}

export function validateBody<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  return validate(schema, req.body ?? {}, 'request body');
}
