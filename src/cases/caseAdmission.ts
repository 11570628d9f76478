import type { CaseDraft } from '../domain/caseIntake';
import { HOUR_MS, type Limiter, type LimitRule } from '../limits/limiter';

export interface CaseLimitSettings {
  casesPerConversationPerHour: number;
  casesPerCustomerPerHour: number;
  casesPerAddressPerHour: number;
}

/**
 * Whether intake may number one more ticket: per conversation, per customer (web and WeChat
 * alike) and per web client address, each counted across instances. Only new tickets are
 * counted; a complaint that lands on an existing ticket costs nothing.
 */
export class CaseAdmission {
  private readonly rules: Record<'conversation' | 'customer' | 'address', LimitRule>;

  constructor(
    private readonly limiter: Limiter,
    settings: CaseLimitSettings,
    /** The client address a web conversation came from; WeChat customers have none. */
    private readonly addressOf: (draft: CaseDraft) => Promise<string | undefined> = async () => undefined,
  ) {
    this.rules = {
      conversation: { name: 'case-conv', limit: settings.casesPerConversationPerHour, windowMs: HOUR_MS },
      customer: { name: 'case-customer', limit: settings.casesPerCustomerPerHour, windowMs: HOUR_MS },
      address: { name: 'case-addr', limit: settings.casesPerAddressPerHour, windowMs: HOUR_MS },
    };
  }

  async admits(draft: CaseDraft): Promise<boolean> {
    const hits = [
      { rule: this.rules.conversation, key: `${draft.channel}:${draft.conversationId}` },
      { rule: this.rules.customer, key: `${draft.channel}:${draft.customerId}` },
    ];
    // Only the web chat knows a client address; the lookup says none for every other channel.
    const address = await this.addressOf(draft);
    if (address) hits.push({ rule: this.rules.address, key: address });
    return (await this.limiter.takeAll(hits)) === undefined;
  }
}
