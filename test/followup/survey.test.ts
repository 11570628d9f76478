import { api, Customer, NO_AGENT_ONLINE, queuedCaseOf, staffedDesk, textOf } from '../api/caseHelpers';

/**
 * 回访 end to end: the customer on DirectLineJS, staff over HTTP. Resolve → result notice
 * (cause, solution, compensation, what will change, thanks) → the satisfaction question →
 * the answer is recorded; an unhappy answer reopens the case for a person within 48 hours.
 */
describe('result notice and satisfaction survey', () => {
  const fx = staffedDesk();

  /** 转人工 → claimed by agent07 → resolved with every part of the notice. */
  async function resolvedCase(): Promise<{ customer: Customer; caseId: string; ticketId: string }> {
    const customer = await Customer.connect(fx.desk.base);
    fx.customers.push(customer);
    await customer.say('转人工');
    // Staff work over HTTP here, with no agent console open: the queue notice says no one is online, without a wait.
    const queued = textOf(await customer.expectMessage((t) => t.includes(NO_AGENT_ONLINE), 'the queue notice'));
    expect(queued).not.toMatch(/分钟|排在第/);
    const caseId = await queuedCaseOf(fx.desk.base, fx.agent.token, customer.conversationId);
    expect((await api(fx.desk.base, 'POST', `/api/cases/${caseId}/claim`, fx.agent.token)).status).toBe(200);
    await customer.expectMessage((t) => t.includes('为您服务'), 'the agent greets');
    const resolved = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/resolve`, fx.agent.token, {
      cause: '10 月误开通了视频彩铃业务',
      solution: '已退订并退还 10 元',
      compensation: '赠送 5 元话费',
      changes: '开通增值业务前一律短信二次确认',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.customerNotified).toBe(true);
    return { customer, caseId, ticketId: resolved.body.ticketId };
  }

  it('sends the result notice with cause, solution, compensation, changes and thanks, then the question; «5» is recorded', async () => {
    const { customer, caseId, ticketId } = await resolvedCase();
    const notice = textOf(await customer.expectMessage((t) => t.includes('已处理完毕'), 'the result notice'));
    expect(notice).toContain(ticketId);
    expect(notice).toContain('原因：10 月误开通了视频彩铃业务');
    expect(notice).toContain('处理结果：已退订并退还 10 元');
    expect(notice).toContain('补偿：赠送 5 元话费');
    expect(notice).toContain('后续改进：开通增值业务前一律短信二次确认');
    expect(notice).toContain('感谢');
    // The question comes right after the notice.
    const question = await customer.expectMessage((t) => t.includes('满意吗'), 'the survey question');
    const all = customer.botMessages();
    expect(textOf(all[all.indexOf(question) - 1])).toContain('已处理完毕');
    expect(textOf(question)).toMatch(/1-5/);

    await customer.say('5');
    await customer.expectMessage((t) => t.includes('5 分') && t.includes('谢谢'), 'thanks for the score');
    const detail = await api(fx.desk.base, 'GET', `/api/cases/${caseId}`, fx.agent.token);
    expect(detail.body.status).toBe('resolved');
    const stored = await fx.desk.app.store.getCase(caseId);
    expect(stored?.satisfaction).toMatchObject({ score: 5, words: '5' });
    expect(stored?.resultNoticeAt).toBeDefined();
    expect(stored?.archivedAt).toBeDefined();
    await fx.consoleSocket.waitForEvent(
      (e) => e.type === 'satisfaction' && e.id === caseId && e.payload.score === 5,
      'the score on the console',
    );

    // The question is closed: the next message goes to the bot again, not to the survey.
    await customer.say('你好');
    const after = await customer.settle();
    expect(after.join('\n')).not.toContain('分）');
    expect((await fx.desk.app.store.getCase(caseId))?.satisfaction?.score).toBe(5);
  });

  it('«不满意» reopens the case for a person with a 48-hour deadline, and says so honestly', async () => {
    const { customer, caseId, ticketId } = await resolvedCase();
    await customer.expectMessage((t) => t.includes('满意吗'), 'the survey question');
    const before = Date.now();
    await customer.say('不满意，钱还没到账');
    const reply = textOf(await customer.expectMessage((t) => t.includes('重新打开'), 'the reopen notice'));
    expect(reply).toContain(ticketId);
    expect(reply).toContain('48 小时内');
    const requeued = textOf(await customer.expectMessage((t) => t.includes(NO_AGENT_ONLINE), 'the queue notice follows'));
    expect(requeued).toMatch(/同事会在 .+ 前答复您/);
    expect(requeued).not.toMatch(/分钟|排在第/);

    const detail = await api(fx.desk.base, 'GET', `/api/cases/${caseId}`, fx.agent.token);
    expect(detail.body.status).toBe('queued');
    expect(detail.body.handoffReasons).toContain('reopened');
    const stored = (await fx.desk.app.store.getCase(caseId))!;
    expect(stored.satisfaction).toMatchObject({ score: 2, words: '不满意，钱还没到账' });
    expect(stored.reopened).toBe(true);
    expect(stored.archivedAt).toBeUndefined();
    const dueIn = Date.parse(stored.responseDueAt) - before;
    expect(dueIn).toBeGreaterThan(47.9 * 3600_000);
    expect(dueIn).toBeLessThan(48.1 * 3600_000);
    expect(stored.deadlines?.firstResponseDueAt).toBe(stored.responseDueAt);
    await fx.consoleSocket.waitForEvent((e) => e.resource === 'alert' && e.type === 'case-reopened' && e.id === caseId, 'the reopen alert');

    // Back in the queue: the customer's next words reach the case, not the bot.
    await customer.say('我要的是退钱');
    await customer.expectMessage((t) => t.startsWith('留言已收到'), 'relayed while queued');
  });

  it('«不满意，叫你们经理来» is an answer too: the score is kept and the same case reopens, no new ticket', async () => {
    const { customer, caseId, ticketId } = await resolvedCase();
    await customer.expectMessage((t) => t.includes('满意吗'), 'the survey question');
    await customer.say('不满意，叫你们经理来');
    const reply = textOf(await customer.expectMessage((t) => t.includes('重新打开'), 'the reopen notice'));
    expect(reply).toContain(ticketId);
    const stored = (await fx.desk.app.store.getCase(caseId))!;
    expect(stored.satisfaction).toMatchObject({ score: 2, words: '不满意，叫你们经理来' });
    expect(stored.handoffReasons).toContain('reopened');
    const cases = await fx.desk.app.store.listCases();
    expect(cases.filter((c) => c.conversationId === customer.conversationId)).toHaveLength(1);
  });

  it('a remark is kept and the question asked once more; a second remark stops the asking', async () => {
    const { customer, caseId, ticketId } = await resolvedCase();
    await customer.expectMessage((t) => t.includes('满意吗'), 'the survey question');
    const remark = '下次能不能早点回复我，我电话 13812345678';
    await customer.say(remark);
    const again = textOf(await customer.expectMessage((t) => t.includes('打个分'), 'asked once more'));
    expect(again).toContain(ticketId);
    expect((await fx.desk.app.store.getCase(caseId))!.transcript.map((t) => t.text)).toContain(remark);
    // The consoles get the remark as a message event like any customer line: masked, for the owner (and supervisors).
    const relayed = await fx.consoleSocket.waitForEvent(
      (e) => e.resource === 'message' && e.id === caseId && e.payload.survey === true,
      'the remark on the console',
    );
    expect(relayed.payload).toMatchObject({ from: 'customer', ticketId, owner: 'agent07' });
    expect(relayed.payload.text).toContain('下次能不能早点回复我');
    expect(relayed.payload.text).not.toContain('13812345678');
    await customer.say('我下个月想换个套餐');
    const replies = await customer.settle(800);
    expect(replies.join('\n')).not.toContain('打个分');
    expect((await fx.desk.app.store.getCase(caseId))!.satisfaction).toBeUndefined();
  });
});
