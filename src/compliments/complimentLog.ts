import type { ChannelId } from '../domain/case';
import type { ComplimentDraft } from '../domain/caseIntake';
import { maskPersonalInfo } from '../privacy/mask';
import { dayKey } from '../domain/calendar';
import type { Store } from '../store/store';

/** A compliment as kept: the customer's words (masked), where and when they came. */
export interface Compliment {
  at: string;
  channel: ChannelId;
  conversationId: string;
  text: string;
}

/** Log ids contain ':' so they can never be a Direct Line conversation id. */
export const COMPLIMENT_LOG_ID = 'compliments:all';

/** Longer praise is kept to this many characters: a report quotes it, it is not a letter archive. */
const MAX_TEXT = 300;

/**
 * Praise for a colleague or a solved case, kept on the store's durable log so the reports can
 * count it and quote it back to the team. No ticket, no deadline: there is nothing to handle.
 * The customer id is not kept (nobody needs it to pass a compliment on) and numbers in the
 * text are masked like everywhere else outside a case.
 */
export class ComplimentLog {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(draft: ComplimentDraft): Promise<void> {
    const entry: Compliment = {
      at: this.now().toISOString(),
      channel: draft.channel,
      conversationId: draft.conversationId,
      text: maskPersonalInfo(draft.text.trim()).slice(0, MAX_TEXT),
    };
    await this.store.appendDurable(COMPLIMENT_LOG_ID, entry as unknown as Record<string, unknown>);
  }

  /** Compliments received on the days [from, to] (YYYY-MM-DD in timeZone), oldest first. */
  async between(from: string, to: string, timeZone: string): Promise<Compliment[]> {
    const logged = await this.store.readDurable(COMPLIMENT_LOG_ID, -1);
    return logged
      .map(({ activity }) => activity as unknown as Compliment)
      .filter((c) => {
        const day = dayKey(c.at, timeZone);
        return day !== undefined && day >= from && day <= to;
      });
  }
}
