import type { Case } from '../../src/domain/case';
import { CustomerIdentity, CUSTOMER_COOKIE } from '../../src/channels/web/customerIdentity';
import { api, AGENT07, Customer, logIn, queuedCaseOf, startDesk, textOf, type Desk, type StaffSession } from '../api/caseHelpers';
import { generateToken } from '../channels/web/helpers/webServer';
import { talkUntilReceipt, type ChannelSession, type CustomerScript } from '../helpers/customerScript';

/**
 * Taking over another web customer's ticket, as it was done from outside: ask tokens/generate
 * for the victim's customer id (or bring a forged or altered customer cookie), then complain
 * about the same matter. Before, that landed on the victim's resolved ticket, reopened it,
 * moved its conversation to the attacker, and the agent's next reply (the refund details)
 * went to the attacker. The whole service runs (createApp on a free port, real HTTP).
 */
const BILL: CustomerScript = {
  opening: '是10月的账单，一个叫视频会员的项目，每月扣58元，我从来没订过',
  facts: '10月份账单里的视频会员，58元，从来没订过',
};
const REFUND_DETAILS = '58 元已原路退回您尾号 1234 的银行卡';

/** Waits for the first reply, then takes everything until the bot goes quiet. */
function sessionOf(customer: Customer): ChannelSession {
  return {
    say: (text) => customer.say(text),
    replies: async () => [textOf(await customer.expectMessage(() => true, 'a reply')), ...(await customer.settle(500))],
  };
}

/** One character of the signature changed to its neighbour: for the last one, only a spare base64 bit differs. */
function alteredCookie(cookie: string, at: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const i = at < 0 ? cookie.length + at : at;
  const next = alphabet[alphabet.indexOf(cookie[i]) ^ 1];
  return cookie.slice(0, i) + next + cookie.slice(i + 1);
}

describe('one web customer cannot take over another one’s ticket', () => {
  let desk: Desk;
  let agent: StaffSession;
  const customers: Customer[] = [];
  const connect = async (cookie?: string) => {
    const c = await Customer.connect(desk.base, { cookie });
    customers.push(c);
    return c;
  };
  const storedCase = async (ticketId: string) => (await desk.app.store.getCaseByTicket(ticketId)) as Case;

  beforeAll(async () => {
    desk = await startDesk();
    agent = await logIn(desk.base, AGENT07);
  });
  afterAll(async () => {
    for (const c of customers) c.end();
    await desk?.stop();
  });

  it('keeps the victim’s resolved ticket, its conversation and the agent’s reply with the victim', async () => {
    // The victim complains, asks for a person, and agent07 resolves the case.
    const victim = await connect();
    const { ticketId } = await talkUntilReceipt(sessionOf(victim), BILL);
    await victim.say('转人工');
    const caseId = await queuedCaseOf(desk.base, agent.token, victim.conversationId);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
    const resolved = await api(desk.base, 'POST', `/api/cases/${caseId}/resolve`, agent.token, {
      cause: '误开通了视频会员',
      solution: '已退订视频会员并退还 58 元',
    });
    expect(resolved.status).toBe(200);
    const before = await storedCase(ticketId);
    expect(before).toMatchObject({ status: 'resolved', customerId: victim.userId, conversationId: victim.conversationId });

    // 1. Naming the victim's id (as given, and without or with Direct Line's reserved prefix) is refused.
    for (const id of [victim.userId, victim.userId.replace(/^dl_/, ''), `dl_${victim.userId}`]) {
      const res = await fetch(`${desk.base}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id } }),
      });
      const body = (await res.json()) as { error?: { code: string; message: string } };
      expect([id, res.status, body.error?.code]).toEqual([id, 400, 'BadRequest']);
      expect(res.headers.getSetCookie()).toEqual([]);
    }

    // 2. Cookies the server did not make for the victim are not believed: a new customer each time.
    const victimValue = victim.cookie.slice(`${CUSTOMER_COOKIE}=`.length);
    const bogus = {
      forged: `${CUSTOMER_COOKIE}=${new CustomerIdentity('a-guess-at-the-desk-secret-0123456789abcdef', 180).sign(victim.userId)}`,
      unsigned: `${CUSTOMER_COOKIE}=${victim.userId}`,
      tampered: `${CUSTOMER_COOKIE}=${victim.userId}.${'A'.repeat(43)}`,
      'last character altered': alteredCookie(victim.cookie, -1),
      'first signature character altered': alteredCookie(victim.cookie, victim.cookie.indexOf('.') + 1),
      'an id character altered': alteredCookie(victim.cookie, `${CUSTOMER_COOKIE}=dl_`.length + 5),
    };
    const given = new Set<string>();
    for (const [how, cookie] of Object.entries(bogus)) {
      expect([how, cookie === victim.cookie || cookie.endsWith(victimValue)]).toEqual([how, false]);
      const issued = await generateToken(desk.base, cookie);
      expect([how, issued.userId === victim.userId]).toEqual([how, false]);
      given.add(issued.userId);
    }
    expect(given.size).toBe(Object.keys(bogus).length);

    // 3. The closest forgery complains about the same matter: a ticket of its own.
    const attacker = await connect(bogus['last character altered']);
    expect(attacker.userId).not.toBe(victim.userId);
    const taken = await talkUntilReceipt(sessionOf(attacker), BILL);
    expect(taken.ticketId).not.toBe(ticketId);
    expect(taken.transcript.join('\n')).not.toContain(ticketId);
    const attackerCase = await storedCase(taken.ticketId);
    expect(attackerCase.customerId).toBe(attacker.userId);
    expect(attackerCase.linkedCaseIds ?? []).not.toContain(before.id);

    const after = await storedCase(ticketId);
    expect(after).toMatchObject({ status: 'resolved', customerId: victim.userId, conversationId: victim.conversationId });
    expect(after.reopened).toBeFalsy();
    expect(after.linkedCaseIds ?? []).not.toContain(attackerCase.id);
    expect(after.transcript.map((t) => t.text).join('\n')).not.toContain(BILL.facts);

    // 4. The victim comes back in the same browser (their real cookie): the same customer, so
    //    the same matter lands on their ticket, reopens it and follows them to the new conversation.
    const back = await connect(victim.cookie);
    expect(back.userId).toBe(victim.userId);
    expect(back.conversationId).not.toBe(victim.conversationId);
    const returned = await talkUntilReceipt(sessionOf(back), BILL);
    expect(returned.ticketId).toBe(ticketId);
    expect(returned.transcript.join('\n')).toContain('是同一件事');
    const reopened = await storedCase(ticketId);
    expect(reopened).toMatchObject({ customerId: victim.userId, conversationId: back.conversationId, reopened: true });

    // 5. The agent's next reply, with the refund details, reaches the victim and not the attacker.
    const again = await queuedCaseOf(desk.base, agent.token, back.conversationId);
    expect(again).toBe(caseId);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/claim`, agent.token)).status).toBe(200);
    expect((await api(desk.base, 'POST', `/api/cases/${caseId}/messages`, agent.token, { text: REFUND_DETAILS })).status).toBe(201);
    await back.expectMessage((t) => t.includes(REFUND_DETAILS), 'the refund details');
    await attacker.settle(500);
    const attackerSaw = attacker.botMessages().map(textOf);
    expect(attackerSaw.length).toBeGreaterThan(0);
    expect(attackerSaw.join('\n')).not.toContain(REFUND_DETAILS);
    expect(attackerSaw.join('\n')).not.toContain(ticketId);
  });
});
