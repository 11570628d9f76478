import type { StaffEvent } from '../domain/staffEvents';
import { publishStaffEvent } from '../store/staffEventStream';
import type { Case } from '../domain/case';
import type { Logger } from '../logging/logger';
import { LeasedLoop } from '../store/leasedLoop';
import type { CaseFilter, Store } from '../store/store';
import type { AgentRoster, AgentState } from './agentRoster';

export interface AutoAssignerOptions {
  store: Store;
  roster: AgentRoster;
  /** Cases in serving order (HandoffService.list): the queue by priority first. */
  cases: (filter: CaseFilter) => Promise<Case[]>;
  logger: Logger;
  instanceId: string;
  intervalMs: number;
  /** An offer not taken (claimed) within this long moves to the next agent. */
  acceptMs: number;
  now?: () => Date;
}

export const AUTO_ASSIGNER_LEASE = 'auto-assigner';
const OFFERS_KIND = 'case-offers';
const LAST_OFFER_KIND = 'agent-last-offer';
const OFFERS_TTL_SECONDS = 24 * 3600;

/** The offers a queued case has had, oldest first: who, and when. */
interface OfferHistory {
  offers: { agent: string; at: string }[];
}

/**
 * Auto-assignment. On whichever instance holds the lease (one at a time, so no case is offered
 * twice at once), every interval: each queued case in serving order is offered to the online
 * agent with free capacity and the fewest cases (ties: the longest since their last offer). The
 * offer is a staff event {resource:'case', type:'offered', payload:{agent}}; the agent takes it
 * with the ordinary claim, which is atomic under the case lock. An offer not taken within
 * acceptMs goes to the next agent who has not had it; when all have, the round starts again.
 * Open offers count against an agent's capacity, so nobody is offered more than they can hold.
 */
export class AutoAssigner extends LeasedLoop<StaffEvent> {
  private readonly now: () => Date;

  constructor(private readonly options: AutoAssignerOptions) {
    super({ ...options, lease: AUTO_ASSIGNER_LEASE, label: 'auto-assigner' });
    this.now = options.now ?? (() => new Date());
  }

  protected async round(): Promise<StaffEvent[]> {
    // Paused by a supervisor: the lease is still held, so resuming needs no election.
    if (await this.options.roster.paused()) return [];
    const { store } = this.options;
    const at = this.now();
    const [queued, active] = await Promise.all([this.options.cases({ status: 'queued' }), this.options.cases({ status: 'active' })]);
    if (queued.length === 0) return [];
    const agents = (await this.options.roster.agents(active)).filter((a) => a.presence === 'online');
    const load = new Map(agents.map((a) => [a.name, a.openCases]));
    const histories = await Promise.all(queued.map((c) => store.getRecord<OfferHistory>(OFFERS_KIND, c.id)));
    const lastOffer = new Map(
      await Promise.all(
        agents.map(async (a) => [a.name, (await store.getRecord<{ at: string }>(LAST_OFFER_KIND, a.name))?.at ?? ''] as const),
      ),
    );

    // Open offers first: they hold a place in their agent's capacity.
    const open = new Map<string, string>();
    queued.forEach((c, i) => {
      const last = histories[i]?.offers.at(-1);
      if (last && at.getTime() - Date.parse(last.at) < this.options.acceptMs && load.has(last.agent)) {
        open.set(c.id, last.agent);
        load.set(last.agent, (load.get(last.agent) ?? 0) + 1);
      }
    });

    const events: StaffEvent[] = [];
    for (const [i, c] of queued.entries()) {
      if (open.has(c.id)) continue;
      const had = new Set((histories[i]?.offers ?? []).map((o) => o.agent));
      const free = (a: AgentState) => (load.get(a.name) ?? 0) < a.maxCases;
      let candidates = agents.filter((a) => free(a) && !had.has(a.name));
      // Everyone free has had it and let it pass: start another round of offers.
      const restart = candidates.length === 0 && agents.some(free);
      if (restart) candidates = agents.filter(free);
      const chosen = candidates.sort(
        (a, b) =>
          (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0) || (lastOffer.get(a.name) ?? '').localeCompare(lastOffer.get(b.name) ?? ''),
      )[0];
      if (!chosen) continue;
      // Renewed before every offer: a slow round must not offer beside a new lease holder.
      if (!(await this.stillLeader())) break;
      const offeredAt = this.now();
      const offer = { agent: chosen.name, at: offeredAt.toISOString() };
      const offers = restart ? [offer] : [...(histories[i]?.offers ?? []), offer];
      await store.putRecord(OFFERS_KIND, c.id, { offers } satisfies OfferHistory, OFFERS_TTL_SECONDS);
      await store.putRecord(LAST_OFFER_KIND, chosen.name, { at: offer.at }, OFFERS_TTL_SECONDS);
      load.set(chosen.name, (load.get(chosen.name) ?? 0) + 1);
      lastOffer.set(chosen.name, offer.at);
      const event: StaffEvent = {
        resource: 'case',
        type: 'offered',
        id: c.id,
        payload: {
          agent: chosen.name,
          ticketId: c.ticketId,
          status: c.status,
          until: new Date(offeredAt.getTime() + this.options.acceptMs).toISOString(),
        },
      };
      await publishStaffEvent(store, event, this.options.logger);
      events.push(event);
    }
    if (events.length)
      this.options.logger.info({ offers: events.map((e) => ({ id: e.id, agent: e.payload.agent })) }, 'auto-assigner: cases offered');
    return events;
  }
}
