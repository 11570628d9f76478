import { FLOOD_NOTICE_TEXT } from '../../../dialogs/wording/replies';
import { startConversation, startWebServer, type RunningWebServer } from './helpers/webServer';

/** A message flood over real HTTP: bounded 200s, then 429 with Retry-After, and one notice in the chat. */
describe('web message flood', () => {
  let web: RunningWebServer;
  beforeAll(async () => {
    web = await startWebServer({ messagesPerConversationPerMinute: 5, messagesPerAddressPerMinute: 12 });
  });
  afterAll(() => web.close());

  const post = (s: { conversationId: string; token: string }, text: string) =>
    fetch(`${web.url}/v3/directline/conversations/${s.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text }),
    });
  const texts = async (s: { conversationId: string; token: string }) => {
    const res = await fetch(`${web.url}/v3/directline/conversations/${s.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${s.token}` },
    });
    return ((await res.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text);
  };

  it('lets one token post its limit, then answers 429 with a Chinese reason and tells the chat once', async () => {
    const s = await startConversation(web.url);
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => post(s, `消息${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(10);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/您发送得太快了/);
    const log = await texts(s);
    expect(log.filter((t) => t === FLOOD_NOTICE_TEXT)).toHaveLength(1);
    expect(log.filter((t) => /^消息/.test(t ?? ''))).toHaveLength(5);
  });

  it('bounds several tokens from one address together', async () => {
    const second = await startWebServer({ messagesPerConversationPerMinute: 5, messagesPerAddressPerMinute: 12 });
    try {
      const sessions = await Promise.all(Array.from({ length: 4 }, () => startConversation(second.url)));
      const send = (s: { conversationId: string; token: string }, text: string) =>
        fetch(`${second.url}/v3/directline/conversations/${s.conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text }),
        }).then((r) => r.status);
      const statuses = await Promise.all(sessions.flatMap((s) => [1, 2, 3, 4, 5].map((n) => send(s, `第${n}条`))));
      // Each conversation stays within its own 5, and all four together within the address's 12.
      expect(statuses.filter((x) => x === 200)).toHaveLength(12);
      expect(statuses.filter((x) => x === 429)).toHaveLength(8);
    } finally {
      await second.close();
    }
  });
});
