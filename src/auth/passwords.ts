import bcrypt from 'bcryptjs';

/**
 * Password hashing with bcrypt (bcryptjs: pure JavaScript, so a fresh machine needs no compiler).
 * Cost 10 is about 0.1 s per hash here; the cost is stored in each hash, so raising it later
 * keeps old hashes verifiable.
 */
export const BCRYPT_COST = 10;

export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    // A damaged stored hash is a failed login, not a server error.
    return false;
  }
}

/**
 * A hash of a password nobody has, compared against when the user does not exist, so an unknown
 * name takes as long to refuse as a wrong password (no user enumeration by timing).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}
