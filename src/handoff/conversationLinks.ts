import type { CaseRepository } from '../cases/caseRepository';
import type { Case, CaseStatus } from '../domain/case';
import type { Store } from '../store/store';

/** Conversation id → the case a person has (or is about to have) in it. */
const LINK_KIND = 'handoff-conversation';

/** Queued or with a person: the bot keeps out of the conversation. */
export function isWithPeople(status: CaseStatus): boolean {
  return status === 'queued' || status === 'active';
}

/**
 * Which conversation a person is serving. The bot side reads it on every customer line, so it is
 * one small record per conversation rather than a search through the cases.
 */
export class ConversationLinks {
  constructor(
    private readonly store: Store,
    private readonly cases: CaseRepository,
  ) {}

  async link(c: Case): Promise<void> {
    await this.store.putRecord(LINK_KIND, c.conversationId, { caseId: c.id });
  }

  /** Removes the link only while it still points at this case (a newer case may have taken the conversation). */
  async unlink(c: Case): Promise<void> {
    const link = await this.store.getRecord<{ caseId: string }>(LINK_KIND, c.conversationId);
    if (link?.caseId === c.id) await this.store.deleteRecord(LINK_KIND, c.conversationId);
  }

  /** The case queued for or with a person in this conversation, if there is one. */
  async caseIn(conversationId: string): Promise<Case | undefined> {
    const link = await this.store.getRecord<{ caseId: string }>(LINK_KIND, conversationId);
    if (!link) return undefined;
    const c = await this.cases.get(link.caseId);
    return c && c.conversationId === conversationId && isWithPeople(c.status) ? c : undefined;
  }
}
