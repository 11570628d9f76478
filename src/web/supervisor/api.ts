import { Api } from '../agent/api';
import { toConversations, toOverview, type Conversation, type Overview } from './model';

/** The staff API plus the supervision endpoints; the case routes (messages, resolve, …) are the console's. */
export class SupervisorApi extends Api {
  async conversations(): Promise<Conversation[]> {
    return toConversations(await this.call('GET', '/api/supervisor/conversations'));
  }

  async overview(): Promise<Overview> {
    return toOverview(await this.call('GET', '/api/supervisor/overview'));
  }

  async takeover(id: string): Promise<unknown> {
    return this.call('POST', `/api/cases/${encodeURIComponent(id)}/takeover`, {});
  }

  async assign(id: string, agent: string): Promise<unknown> {
    return this.call('POST', `/api/cases/${encodeURIComponent(id)}/assign`, { agent });
  }

  async note(id: string, text: string): Promise<unknown> {
    return this.call('POST', `/api/cases/${encodeURIComponent(id)}/notes`, { text });
  }
}
