import { randomUUID } from 'node:crypto';
import type { StaffPrincipal } from '../auth/staffAuth';
import type { Store } from '../store/store';
import { matchesQuery, type QuickReply } from './quickReply';

const KIND = 'quick-reply';

export class QuickReplyError extends Error {
  constructor(
    readonly reason: 'not-found' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The quick-reply library in the store's records, so every instance reads the same one. The
 * library is small (hundreds), so listing reads it whole and filters here.
 */
export class QuickReplyRepository {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Shared replies and the reader's own personal ones, most used first. */
  async visibleTo(staff: Pick<StaffPrincipal, 'username'>, q?: string): Promise<QuickReply[]> {
    const all = (await this.store.listRecords<QuickReply>(KIND)).map((r) => r.value);
    return all
      .filter((r) => (r.scope === 'shared' || r.owner === staff.username) && matchesQuery(r, q))
      .sort((a, b) => b.uses - a.uses || a.title.localeCompare(b.title, 'zh-CN'));
  }

  async create(staff: StaffPrincipal, input: Pick<QuickReply, 'title' | 'text' | 'scope' | 'category'>): Promise<QuickReply> {
    if (input.scope === 'shared' && staff.role !== 'supervisor')
      throw new QuickReplyError('forbidden', 'only supervisors keep the shared library; save it as a personal reply');
    const at = this.now().toISOString();
    const reply: QuickReply = {
      id: randomUUID(),
      title: input.title,
      text: input.text,
      scope: input.scope,
      ...(input.scope === 'personal' ? { owner: staff.username } : {}),
      ...(input.category ? { category: input.category } : {}),
      uses: 0,
      createdBy: staff.username,
      createdAt: at,
      updatedAt: at,
    };
    await this.store.putRecord(KIND, reply.id, reply);
    return reply;
  }

  /** The reply, if `staff` may use it (shared, or their own). */
  async get(staff: Pick<StaffPrincipal, 'username'>, id: string): Promise<QuickReply> {
    const reply = await this.store.getRecord<QuickReply>(KIND, id);
    // Someone else's personal reply answers like a missing one: its existence is not theirs to learn.
    if (!reply || (reply.scope === 'personal' && reply.owner !== staff.username))
      throw new QuickReplyError('not-found', `no quick reply ${id}`);
    return reply;
  }

  async update(staff: StaffPrincipal, id: string, change: Partial<Pick<QuickReply, 'title' | 'text' | 'category'>>): Promise<QuickReply> {
    const reply = await this.editable(staff, id);
    const next: QuickReply = { ...reply, ...change, updatedAt: this.now().toISOString() };
    await this.store.putRecord(KIND, id, next);
    return next;
  }

  async remove(staff: StaffPrincipal, id: string): Promise<QuickReply> {
    const reply = await this.editable(staff, id);
    await this.store.deleteRecord(KIND, id);
    return reply;
  }

  /**
   * Counts one insertion. A read and a write, not atomic: two insertions at the same instant on
   * two instances may count once. Good enough for "what is used"; not a billing figure.
   */
  async countUse(reply: QuickReply): Promise<void> {
    const current = await this.store.getRecord<QuickReply>(KIND, reply.id);
    if (current) await this.store.putRecord(KIND, reply.id, { ...current, uses: current.uses + 1 });
  }

  private async editable(staff: StaffPrincipal, id: string): Promise<QuickReply> {
    const reply = await this.get(staff, id);
    if (reply.scope === 'shared' && staff.role !== 'supervisor')
      throw new QuickReplyError('forbidden', 'only supervisors change the shared library');
    return reply;
  }
}
