import { z } from 'zod';

/**
 * What a staff account may look like. Pure rules (no store, no hashing) so the configuration
 * schema, the CLI and the login route all check the same things; in domain/ so the settings
 * can parse BOOTSTRAP_USERS without depending on the accounts' store.
 */

export const STAFF_ROLES = ['agent', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Login names: ASCII letters, digits, dot, dash, underscore (pinyin names, employee ids).
 * They are compared lower-cased, so "ZhangWei" and "zhangwei" are one account. ':' and ','
 * are excluded because BOOTSTRAP_USERS uses them as separators.
 */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'must be 1-32 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .transform((name) => name.toLowerCase());

export const roleSchema = z.enum(STAFF_ROLES);

export const MIN_PASSWORD_CHARS = 8;
/** bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;

/** Returns why a new password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string): string | undefined {
  if (password.length === 0) return 'the password is empty';
  if ([...password].length < MIN_PASSWORD_CHARS) return `the password must have at least ${MIN_PASSWORD_CHARS} characters`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return `the password must be at most ${MAX_PASSWORD_BYTES} bytes (UTF-8)`;
  if (/^\s|\s$/.test(password)) return 'the password must not start or end with whitespace';
  return undefined;
}

export interface AccountSpec {
  username: string;
  role: StaffRole;
  password: string;
}

/**
 * BOOTSTRAP_USERS="name:role:password,...". The password is everything after the second ':'
 * (so it may contain ':' but not ','). Errors name an entry by its position, never by its
 * contents.
 */
export const bootstrapUsersSchema = z.string().transform((raw, ctx): AccountSpec[] => {
  const accounts: AccountSpec[] = [];
  const seen = new Map<string, number>();
  raw.split(',').forEach((rawPart, index) => {
    const part = rawPart.trim();
    if (!part) return;
    // Entries are named by position only: a garbled entry might put the password where the name goes.
    const label = `entry ${index + 1}`;
    const first = part.indexOf(':');
    const second = first < 0 ? -1 : part.indexOf(':', first + 1);
    if (first < 0 || second < 0) {
      ctx.addIssue({ code: 'custom', message: `${label} must be name:role:password` });
      return;
    }
    const name = usernameSchema.safeParse(part.slice(0, first));
    const role = roleSchema.safeParse(part.slice(first + 1, second).trim());
    const password = part.slice(second + 1);
    const problems = [
      name.success ? undefined : `the name ${name.error.issues[0].message}`,
      role.success ? undefined : `the role must be ${STAFF_ROLES.join(' or ')}`,
      passwordProblem(password),
    ].filter(Boolean);
    if (name.success && seen.has(name.data)) problems.push(`it repeats the name of entry ${seen.get(name.data)}`);
    if (problems.length || !name.success || !role.success) {
      ctx.addIssue({ code: 'custom', message: `${label}: ${problems.join('; ')}` });
      return;
    }
    seen.set(name.data, index + 1);
    accounts.push({ username: name.data, role: role.data, password });
  });
  return accounts;
});
