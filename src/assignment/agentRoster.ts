import type { Case } from '../domain/case';
import { StaffPresence } from '../handoff/staffPresence';
import type { Store } from '../store/store';

/**
 * Who can take a case now: each agent's chosen status (在线 / 忙碌 / 离开), whether a console of
 * theirs is open (else 离线), how many cases they hold and how many they may hold. Everything is
 * in the store, so every instance and the assigner on whichever instance leads see the same.
 */
export const CHOSEN_STATUSES = ['online', 'busy', 'away'] as const;
export type ChosenStatus = (typeof CHOSEN_STATUSES)[number];
export type Presence = ChosenStatus | 'offline';

const STATUS_KIND = 'presence-status';
const CAPACITY_KIND = 'agent-capacity';
const SETTINGS_KIND = 'assignment-settings';
const SETTINGS_ID = 'desk';

export interface AgentState {
  name: string;
  agentNo: string;
  presence: Presence;
  /** Active cases they hold. */
  openCases: number;
  maxCases: number;
}

export interface RosterAccounts {
  list(): Promise<{ username: string; agentNo: string; role: string }[]>;
}

export class AgentRoster {
  private readonly presence: StaffPresence;

  constructor(
    private readonly store: Store,
    private readonly accounts: RosterAccounts,
    private readonly defaultMaxCases: number,
  ) {
    this.presence = new StaffPresence(store);
  }

  async setStatus(username: string, status: ChosenStatus): Promise<void> {
    await this.store.putRecord(STATUS_KIND, username, { status });
  }

  /** What the agent chose; a console opened for the first time is 在线. */
  async chosenStatus(username: string): Promise<ChosenStatus> {
    return (await this.store.getRecord<{ status: ChosenStatus }>(STATUS_KIND, username))?.status ?? 'online';
  }

  /** A supervisor's per-agent limit; undefined goes back to AGENT_MAX_CASES. */
  async setMaxCases(username: string, maxCases: number | undefined): Promise<void> {
    if (maxCases === undefined) await this.store.deleteRecord(CAPACITY_KIND, username);
    else await this.store.putRecord(CAPACITY_KIND, username, { maxCases });
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.store.putRecord(SETTINGS_KIND, SETTINGS_ID, { paused });
  }

  async paused(): Promise<boolean> {
    return (await this.store.getRecord<{ paused: boolean }>(SETTINGS_KIND, SETTINGS_ID))?.paused ?? false;
  }

  /** Every agent account with presence and load; `active` are the active cases (one read for all). */
  async agents(active: Case[]): Promise<AgentState[]> {
    const [accounts, online] = await Promise.all([this.accounts.list(), this.presence.online()]);
    const connected = new Set(online.map((e) => e.username));
    return Promise.all(
      accounts
        .filter((a) => a.role === 'agent')
        .map(async (a) => {
          const [status, capacity] = await Promise.all([
            connected.has(a.username) ? this.chosenStatus(a.username) : Promise.resolve<Presence>('offline'),
            this.store.getRecord<{ maxCases: number }>(CAPACITY_KIND, a.username),
          ]);
          return {
            name: a.username,
            agentNo: a.agentNo,
            presence: status,
            openCases: active.filter((c) => c.status === 'active' && c.owner === a.username).length,
            maxCases: capacity?.maxCases ?? this.defaultMaxCases,
          };
        }),
    );
  }
}
