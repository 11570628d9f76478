import { intakeLimitedText } from '../../dialogs/wording/replies';
import { Customer, startDesk, textOf, type Desk } from '../api/caseHelpers';
import { talkUntilReceiptOr, type ChannelSession, type CustomerScript } from '../helpers/customerScript';

/**
 * Farming tickets, as it was done from outside (seen item 4): one conversation took 19
 * receipted tickets in a minute, ten conversations from one address 188. Now new tickets are
 * counted per conversation, per customer and per address (in the store, so across instances),
 * and a customer over a limit is told the truth in Chinese: filed with the open ticket, or not
 * recorded this time. The whole service runs (createApp on a free port, DirectLineJS, real HTTP).
 */
const COMPLAINTS: CustomerScript[] = [
  { opening: '是10月的账单，一个叫视频会员的项目，每月扣58元，我从来没订过', facts: '10月份账单里的视频会员，58元，从来没订过' },
  { opening: '我家手机信号特别差，打电话老断线', facts: '杭州市西湖区文三路家里，室内，从上个月开始，打电话就断' },
  { opening: '营业厅的工作人员态度很差，冲我大喊大叫', facts: '昨天下午在文三路营业厅，是个男的，工号不知道' },
  { opening: '宽带装好三天就坏了，报修了没人来', facts: '家里宽带，报修两次了，单号不记得，一直连不上网' },
];
const FILED_WITH_OPEN = /会和您的工单 (\S+) 放在一起处理/;
const NOT_RECORDED = /这次没有登记上/;
const LIMITED = new RegExp(`${FILED_WITH_OPEN.source}|${NOT_RECORDED.source}`);

function sessionOf(customer: Customer): ChannelSession {
  return {
    say: (text) => customer.say(text),
    replies: async () => [textOf(await customer.expectMessage(() => true, 'a reply')), ...(await customer.settle(500))],
  };
}

describe('ticket limits against a farm of tickets', () => {
  const customers: Customer[] = [];
  const desks: Desk[] = [];
  const open = async (env: Record<string, string>) => {
    const desk = await startDesk({ env });
    desks.push(desk);
    return desk;
  };
  const connect = async (desk: Desk, cookie?: string) => {
    const c = await Customer.connect(desk.base, { cookie });
    customers.push(c);
    return c;
  };
  afterAll(async () => {
    for (const c of customers) c.end();
    for (const d of desks) await d.stop();
  });

  it('one conversation gets its limit of tickets; the next complaint is filed with its open ticket, with no new number', async () => {
    const desk = await open({ CASES_PER_CONVERSATION_PER_HOUR: '2' });
    const customer = await connect(desk);
    const session = sessionOf(customer);
    const outcomes = [];
    for (const complaint of COMPLAINTS.slice(0, 3)) outcomes.push(await talkUntilReceiptOr(session, complaint, LIMITED));

    const tickets = outcomes.map((o) => ('ticketId' in o ? o.ticketId : undefined));
    expect(tickets[0]).toBeDefined();
    expect(tickets[1]).toBeDefined();
    expect(tickets[1]).not.toBe(tickets[0]);
    // The third: no receipt, and the customer is told which open ticket now carries it.
    expect(outcomes[2].refusal).toMatch(FILED_WITH_OPEN);
    const named = FILED_WITH_OPEN.exec(outcomes[2].refusal!)![1];
    expect(tickets).toContain(named);
    expect(outcomes[2].refusal).toBe(intakeLimitedText(named));

    const cases = await desk.app.store.listCases({ customerId: customer.userId });
    expect(cases).toHaveLength(2);
    // Nothing is lost: the service-attitude complaint sits on the ticket the reply named.
    const carrier = cases.find((c) => c.ticketId === named)!;
    expect(carrier.issues.map((i) => i.category)).toContain('service_attitude');
    expect(JSON.stringify(carrier)).toContain('大喊大叫');
  }, 60_000);

  it('many fresh conversations from one address: only the address limit gets tickets, the rest are told plainly it was not recorded', async () => {
    const desk = await open({ CASES_PER_ADDRESS_PER_HOUR: '3' });
    const outcomes = [];
    // Five browsers with no cookie: five new customers, all from 127.0.0.1, as one farm would be.
    for (let i = 0; i < 5; i++) {
      const customer = await connect(desk);
      outcomes.push(await talkUntilReceiptOr(sessionOf(customer), COMPLAINTS[i % COMPLAINTS.length], LIMITED));
    }
    const receipted = outcomes.filter((o) => 'ticketId' in o && o.ticketId);
    expect(receipted).toHaveLength(3);
    const refused = outcomes.filter((o) => o.refusal);
    expect(refused).toHaveLength(2);
    // Fresh customers have no open ticket to file with: they hear it was not recorded, never "we noted it".
    for (const o of refused) expect(o.refusal).toBe(intakeLimitedText());
    expect(await desk.app.store.listCases({})).toHaveLength(3);
  }, 90_000);

  it('a returning customer (same cookie, new conversations) is counted as one customer', async () => {
    const desk = await open({ CASES_PER_CUSTOMER_PER_HOUR: '2' });
    const first = await connect(desk);
    const outcomes = [await talkUntilReceiptOr(sessionOf(first), COMPLAINTS[0], LIMITED)];
    for (const complaint of COMPLAINTS.slice(1, 3)) {
      const again = await connect(desk, first.cookie);
      expect(again.userId).toBe(first.userId);
      outcomes.push(await talkUntilReceiptOr(sessionOf(again), complaint, LIMITED));
    }
    expect(outcomes.filter((o) => 'ticketId' in o && o.ticketId)).toHaveLength(2);
    expect(outcomes[2].refusal).toMatch(FILED_WITH_OPEN);
    expect(await desk.app.store.listCases({ customerId: first.userId })).toHaveLength(2);
  }, 90_000);
});
