import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TICKET_ID_PATTERN } from '../../src/domain/ticketId';
import { api, BOSS, Customer, logIn, startDesk, textOf, type Desk } from '../api/caseHelpers';
import { dropSchemas, postgresAvailable, schemaDatabaseUrl } from '../helpers/postgres';

/**
 * With DATABASE_URL a case accepted and given a receipt is in PostgreSQL: a desk that restarts
 * (here with the in-memory live store, which forgets everything else) still has it, and goes on
 * numbering tickets after it instead of handing out the same number again.
 */
const TICKET = new RegExp(TICKET_ID_PATTERN.source.replace(/^\^|\$$/g, ''));
const schemas: string[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await dropSchemas(schemas);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
jest.setTimeout(90_000);

async function receiptOf(desk: Desk, complaint: string): Promise<string> {
  const customer = await Customer.connect(desk.base);
  try {
    await customer.say(complaint);
    await customer.expectMessage((t) => /对，就是这样|补充|确认/.test(t), 'the summary to confirm');
    await customer.say('对');
    const receipt = await customer.expectMessage((t) => TICKET.test(t), 'the receipt');
    return textOf(receipt).match(TICKET)![0];
  } finally {
    customer.end();
  }
}

async function postgresEnv(): Promise<Record<string, string> | undefined> {
  if (!(await postgresAvailable())) return undefined;
  const { url, schema } = await schemaDatabaseUrl('restart');
  schemas.push(schema);
  return { DATABASE_URL: url };
}

/** The embedded default: PGlite in a fresh DATA_DIR, with the keys it makes itself (none set). */
async function embeddedEnv(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-data-'));
  dirs.push(dir);
  return { DATA_DIR: dir, DATA_KEYS: '', SEARCH_KEY: '', TOKEN_SECRET: '' };
}

describe.each([
  ['PostgreSQL (DATABASE_URL)', postgresEnv],
  ['the embedded PostgreSQL (DATA_DIR)', embeddedEnv],
])('the archive on %s through a restart', (_name, envOf) => {
  it('keeps an accepted case and numbers the next one after it', async () => {
    const env = await envOf();
    if (!env) return console.warn('PostgreSQL unavailable: skipped');

    const first = await startDesk({ env });
    const ticket = await receiptOf(first, '这个月话费多扣了50元，我从来没订过什么彩铃，我的手机号13812345678');
    await first.stop();

    const second = await startDesk({ env });
    try {
      const boss = await logIn(second.base, BOSS);
      const found = await api(second.base, 'GET', `/api/cases?q=${ticket}`, boss.token);
      expect(found.status).toBe(200);
      expect(JSON.stringify(found.body)).toContain(ticket);
      // The phone search index works after the restart too (same SEARCH_KEY, kept or made once).
      const byPhone = await api(second.base, 'GET', '/api/cases?q=13812345678', boss.token);
      expect(JSON.stringify(byPhone.body)).toContain(ticket);
      const next = await receiptOf(second, '上个月流量费多扣了30元，我没订过流量包，我的手机号13812345679');
      expect(next).not.toBe(ticket);
      expect(Number(next.slice(-4))).toBeGreaterThan(Number(ticket.slice(-4)));
    } finally {
      await second.stop();
    }
  });
});
