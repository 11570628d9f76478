import Ajv2020 from 'ajv/dist/2020';
import { api, queuedCaseOf, staffedDesk, Customer } from './caseHelpers';

/**
 * Real answers of the running desk checked against the OpenAPI document it serves: a field the
 * server sends that the document does not describe (or a described one it leaves out) fails
 * here. The shapes are written once (src/cases/caseShapes.ts) and this proves the two agree.
 */
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };

describe('staff API answers match the served OpenAPI document', () => {
  const fx = staffedDesk();
  let doc: Doc;
  // Strict about shape (every object closed below), lenient about the document's own keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true });

  /** Closes every object schema so an undocumented field is an error, not a silent extra. */
  function closed(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map(closed);
    if (typeof schema !== 'object' || schema === null) return schema;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) out[k] = closed(v);
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  }

  function check(path: string, method: string, status: number, body: unknown): void {
    const schema = doc.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const validate = ajv.compile(closed(schema) as object);
    const ok = validate(body);
    if (!ok) throw new Error(`${method.toUpperCase()} ${path} ${status}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  }

  beforeAll(async () => {
    doc = (await (await fetch(`${fx.desk.base}/api/openapi.json`)).json()) as Doc;
  });

  it('list, case page, claim, note, board, resolve and history answers all fit the document', async () => {
    const customer = await Customer.connect(fx.desk.base);
    fx.customers.push(customer);
    await customer.say('我家宽带断了三天了，打了好几次电话都没人管，转人工');
    await customer.expectMessage((t) => t.includes('工单号'), 'the receipt');
    const caseId = await queuedCaseOf(fx.desk.base, fx.agent.token, customer.conversationId);

    const list = await api(fx.desk.base, 'GET', '/api/cases', fx.agent.token);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    check('/api/cases', 'get', 200, list.body);

    const claimed = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/claim`, fx.agent.token, {});
    expect(claimed.status).toBe(200);
    check('/api/cases/{id}/claim', 'post', 200, claimed.body);

    const note = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/notes`, fx.boss.token, { text: '客户已来电三次，先道歉再说方案' });
    expect(note.status).toBe(201);

    const board = await api(fx.desk.base, 'GET', '/api/supervisor/conversations', fx.boss.token);
    expect(board.status).toBe(200);
    expect(board.body.some((r: { id: string }) => r.id === caseId)).toBe(true);
    check('/api/supervisor/conversations', 'get', 200, board.body);

    const page = await api(fx.desk.base, 'GET', `/api/cases/${caseId}`, fx.agent.token);
    expect(page.status).toBe(200);
    // The fields the document used to leave out are sent and described.
    expect(page.body.notes).toHaveLength(1);
    expect(page.body.transcript.length).toBeGreaterThan(0);
    check('/api/cases/{id}', 'get', 200, page.body);

    const resolved = await api(fx.desk.base, 'POST', `/api/cases/${caseId}/resolve`, fx.agent.token, {
      cause: '光猫故障',
      solution: '已上门更换光猫',
      compensation: '赠送 10 元话费',
      changes: '报修三次未上门的情况纳入考核',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolution.changes).toBe('报修三次未上门的情况纳入考核');
    check('/api/cases/{id}/resolve', 'post', 200, resolved.body);

    const history = await api(fx.desk.base, 'GET', `/api/cases/${caseId}/history`, fx.agent.token);
    expect(history.status).toBe(200);
    check('/api/cases/{id}/history', 'get', 200, history.body);
  });

  it('the check fails on a field the document does not describe, and on a missing one', async () => {
    const customer = await Customer.connect(fx.desk.base);
    fx.customers.push(customer);
    await customer.say('转人工');
    await customer.expectMessage((t) => t.includes('工单号'), 'the receipt');
    const caseId = await queuedCaseOf(fx.desk.base, fx.agent.token, customer.conversationId);
    const page = await api(fx.desk.base, 'GET', `/api/cases/${caseId}`, fx.agent.token);
    check('/api/cases/{id}', 'get', 200, page.body);
    expect(() => check('/api/cases/{id}', 'get', 200, { ...page.body, undocumented: 1 })).toThrow(/additional properties/);
    const { ticketId: _ticketId, ...withoutTicket } = page.body;
    expect(() => check('/api/cases/{id}', 'get', 200, withoutTicket)).toThrow(/ticketId/);
  });
});
