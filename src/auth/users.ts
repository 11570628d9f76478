import { createHash, randomUUID } from 'node:crypto';
import type { Store } from '../store/store';
import { passwordProblem, roleSchema, usernameSchema } from '../domain/staffAccounts';
import { hashPassword, verifyPassword } from './passwords';
import type { StaffPrincipal, StaffRole } from './staffAuth';

/**
 * Staff accounts, kept as store records:
 *   staff-user/<username>  → StaffUser (with the bcrypt hash)
 *   staff-agentno/<NN>     → {username, claim}, the claim on a 工号
 * The 工号 claims double as the list of accounts (the Store has no key listing): listing reads
 * the 99 possible numbers. Both kinds are written with putRecordIfAbsent, so two instances (or
 * a CLI and a starting server) never hand out one name or one number twice.
 */

const USER_KIND = 'staff-user';
const AGENT_NO_KIND = 'staff-agentno';
/** 工号 are two digits: 01 … 99. */
export const MAX_AGENT_NO = 99;

interface AgentNoClaim {
  username: string;
  claim: string;
}

export interface StaffUser {
  username: string;
  role: StaffRole;
  agentNo: string;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

/** What may be shown about an account (never the hash). */
export type StaffAccount = Omit<StaffUser, 'passwordHash'>;

export class AccountError extends Error {
  constructor(
    readonly reason: 'invalid' | 'exists' | 'not_found' | 'full',
    message: string,
  ) {
    super(message);
  }
}

export function formatAgentNo(n: number): string {
  return String(n).padStart(2, '0');
}

/** Changes whenever the password does; tokens carry it so a new password ends old sessions. */
export function passwordVersion(user: Pick<StaffUser, 'passwordHash'>): string {
  return createHash('sha256').update(user.passwordHash).digest('base64url').slice(0, 12);
}

export function toPrincipal(user: StaffUser): StaffPrincipal {
  return { username: user.username, role: user.role, agentNo: user.agentNo };
}

export function toAccount(user: StaffUser): StaffAccount {
  const { passwordHash: _hash, ...account } = user;
  return account;
}

export interface UpsertResult {
  user: StaffUser;
  outcome: 'created' | 'updated' | 'unchanged';
}

export class UserRepository {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(username: string): Promise<StaffUser | undefined> {
    const name = usernameSchema.safeParse(username);
    if (!name.success) return undefined;
    return this.store.getRecord<StaffUser>(USER_KIND, name.data);
  }

  /** Creates an account with the next free 工号; AccountError('exists') when the name is taken. */
  async create(username: string, role: StaffRole, password: string): Promise<StaffUser> {
    const name = checkName(username);
    checkRole(role);
    checkPassword(password);
    if (await this.get(name)) throw new AccountError('exists', `user "${name}" already exists`);
    const passwordHash = await hashPassword(password);
    const agentNo = await this.claimAgentNo(name);
    const at = this.now().toISOString();
    const user: StaffUser = { username: name, role, agentNo, passwordHash, createdAt: at, updatedAt: at };
    const stored = await this.store.putRecordIfAbsent<StaffUser>(USER_KIND, name, user);
    if (stored.passwordHash !== passwordHash) {
      // Someone created the same name meanwhile: give the number back.
      await this.store.deleteRecord(AGENT_NO_KIND, agentNo);
      throw new AccountError('exists', `user "${name}" already exists`);
    }
    return stored;
  }

  /** Sets a new password and/or role on an existing account; its 工号 stays. */
  async update(username: string, changes: { role?: StaffRole; password?: string }): Promise<StaffUser> {
    const current = await this.get(username);
    if (!current) throw new AccountError('not_found', `user "${username}" does not exist`);
    if (changes.role !== undefined) checkRole(changes.role);
    if (changes.password !== undefined) checkPassword(changes.password);
    const updated: StaffUser = {
      ...current,
      role: changes.role ?? current.role,
      passwordHash: changes.password !== undefined ? await hashPassword(changes.password) : current.passwordHash,
      updatedAt: this.now().toISOString(),
    };
    await this.store.putRecord(USER_KIND, current.username, updated);
    return updated;
  }

  /**
   * Makes the account exist with this role and password (BOOTSTRAP_USERS at startup). An account
   * that already matches is left alone, so restarts do not end its sessions.
   */
  async upsert(username: string, role: StaffRole, password: string): Promise<UpsertResult> {
    const current = await this.get(username);
    if (!current) {
      try {
        return { user: await this.create(username, role, password), outcome: 'created' };
      } catch (err) {
        // Another instance bootstrapping the same list got there first.
        if (!(err instanceof AccountError && err.reason === 'exists')) throw err;
        return this.upsert(username, role, password);
      }
    }
    const samePassword = await verifyPassword(password, current.passwordHash);
    if (samePassword && current.role === role) return { user: current, outcome: 'unchanged' };
    const user = await this.update(current.username, { role, ...(samePassword ? {} : { password }) });
    return { user, outcome: 'updated' };
  }

  /** Every account, ordered by 工号. */
  async list(): Promise<StaffAccount[]> {
    const numbers = Array.from({ length: MAX_AGENT_NO }, (_, i) => formatAgentNo(i + 1));
    const claims = await Promise.all(numbers.map((no) => this.store.getRecord<AgentNoClaim>(AGENT_NO_KIND, no)));
    // A claim whose account has another number (a create that lost a race or was interrupted) is skipped.
    const users = await Promise.all(
      claims.map((c, i) =>
        c ? this.store.getRecord<StaffUser>(USER_KIND, c.username).then((u) => (u?.agentNo === numbers[i] ? u : undefined)) : undefined,
      ),
    );
    return users.filter((u): u is StaffUser => u !== undefined).map(toAccount);
  }

  private async claimAgentNo(username: string): Promise<string> {
    // A claim unique to this call: a concurrent create of the same name claims another number,
    // and the loser of the account record gives back only its own.
    const claim: AgentNoClaim = { username, claim: randomUUID() };
    for (let n = 1; n <= MAX_AGENT_NO; n++) {
      const no = formatAgentNo(n);
      const holder = await this.store.putRecordIfAbsent<AgentNoClaim>(AGENT_NO_KIND, no, claim);
      if (holder.claim === claim.claim) return no;
    }
    throw new AccountError('full', `all ${MAX_AGENT_NO} agent numbers (工号) are taken`);
  }
}

function checkName(username: string): string {
  const name = usernameSchema.safeParse(username);
  if (!name.success) throw new AccountError('invalid', `user name ${name.error.issues[0].message}`);
  return name.data;
}

function checkRole(role: string): void {
  if (!roleSchema.safeParse(role).success) throw new AccountError('invalid', `role must be agent or supervisor, not "${role}"`);
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError('invalid', problem);
}
