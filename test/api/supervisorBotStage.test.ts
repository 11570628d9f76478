import { api, BOSS, Customer, DESK_USERS, logIn, startDesk, type Desk, type StaffSession } from './caseHelpers';
import { waitFor } from '../channels/web/helpers/webServer';

/**
 * Supervisors see every conversation, also a customer still talking to the bot before any case
 * exists (status 'bot'); once the receipt is out the conversation is listed once, as the case.
 */
interface Row {
  id: string;
  ticketId: string | null;
  status: string;
  withWhom: string;
  owner: string | null;
  preview: string;
  stalled: boolean;
  waitingSeconds: number;
  deadlineSeconds: number | null;
}

describe('supervisor list: conversations with the bot', () => {
  let desk: Desk;
  let boss: StaffSession;
  const customers: Customer[] = [];

  beforeAll(async () => {
    desk = await startDesk({ env: { BOOTSTRAP_USERS: DESK_USERS } });
    boss = await logIn(desk.base, BOSS);
  });

  afterAll(async () => {
    for (const c of customers) c.end();
    await desk?.stop();
  });

  const list = async (): Promise<Row[]> => {
    const answer = await api(desk.base, 'GET', '/api/supervisor/conversations', boss.token);
    expect(answer.status).toBe(200);
    return answer.body as Row[];
  };

  it('lists a customer talking to the bot before any case, then only the case after the receipt', async () => {
    const before = (await list()).length;
    const customer = await Customer.connect(desk.base);
    customers.push(customer);
    // Only opening the chat (the greeting) is not a conversation yet.
    expect(await list()).toHaveLength(before);

    await customer.say('这个月话费多扣了50元，我从来没订过什么彩铃，我的手机号13812345678');
    await customer.expectMessage((t) => /对，就是这样|补充|确认/.test(t), 'the summary to confirm');

    const botRows = await waitFor(
      async () => {
        const rows = (await list()).filter((r) => r.status === 'bot');
        return rows.length ? rows : undefined;
      },
      5000,
      'a bot-stage row',
    );
    expect(botRows).toHaveLength(1);
    const [row] = botRows;
    expect(row).toMatchObject({
      ticketId: null,
      status: 'bot',
      withWhom: 'bot',
      owner: null,
      stalled: false,
      waitingSeconds: 0,
      deadlineSeconds: null,
      channel: 'web',
    });
    // Nothing personal: not the Direct Line conversation id, no text of the customer.
    expect(row.id).toMatch(/^bot-[0-9a-f]{16}$/);
    expect(JSON.stringify(row)).not.toContain(customer.conversationId);
    expect(JSON.stringify(row)).not.toContain(customer.userId);
    expect(JSON.stringify(row)).not.toMatch(/13812345678|彩铃/);

    await customer.say('对');
    const receipt = await customer.expectMessage((t) => t.includes('投诉受理回执'), 'the receipt');
    // The customer left a phone number: the receipt may mention a call, besides the answer here.
    expect((receipt as { summary?: string }).summary).toContain('在这个对话里回复您，必要时也会拨打您留下的电话');
    const after = await list();
    expect(after.filter((r) => r.status === 'bot')).toEqual([]);
    const caseRows = after.filter((r) => r.ticketId !== null);
    expect(caseRows).toHaveLength(1);
    expect(caseRows[0]).toMatchObject({ status: 'open', withWhom: 'bot' });
    expect(after).toHaveLength(before + 1);

    // The customer keeps talking to the bot about the same case: still one row, the case.
    await customer.say('谢谢');
    await customer.settle();
    expect((await list()).filter((r) => r.status === 'bot')).toEqual([]);

    const overview = await api(desk.base, 'GET', '/api/supervisor/overview', boss.token);
    expect(overview.body.conversations).toMatchObject({ bot: 0, open: 1 });
  });
});
