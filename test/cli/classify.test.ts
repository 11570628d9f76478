import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, requireBuild, ROOT } from './cliHelpers';

beforeAll(requireBuild);

const CATEGORIES = ['service_attitude', 'business_handling', 'product_quality', 'billing_dispute', 'after_sales', 'none'];

function parseLines(stdout: string): Array<Record<string, any>> {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('complaint-desk classify', () => {
  it('writes one JSON object per input line, in order, and nothing else', () => {
    const input =
      ['信号差，而且多扣我80块，客服还挂我电话', '', '你好', '寬頻斷線三天了\r', '转人工！你们乱扣费', '   ', '我要去工信部投诉'].join(
        '\n',
      ) + '\n';
    const r = cli(['classify'], input);
    expect(r.status).toBe(0);
    const out = parseLines(r.stdout);
    expect(out).toHaveLength(7);
    for (const o of out) {
      expect(CATEGORIES).toContain(o.category);
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
      expect(Array.isArray(o.issues)).toBe(true);
      expect(typeof o.emotion.anger).toBe('number');
      expect(typeof o.escalationRisk).toBe('boolean');
      expect(typeof o.slots).toBe('object');
      if (o.category === 'none') expect(o.issues).toEqual([]);
      else expect(o.issues.length).toBeGreaterThan(0);
    }
    expect(out[0].issues.map((i: any) => i.category)).toEqual(['product_quality', 'billing_dispute', 'service_attitude']);
    expect(out[0].slots).toEqual({ amount: '80' });
    expect(out[1]).toMatchObject({ category: 'none', issues: [], text: '' });
    expect(out[2]).toMatchObject({ category: 'none', smallTalk: 'greeting' });
    expect(out[3]).toMatchObject({ category: 'after_sales', text: '寬頻斷線三天了' });
    expect(out[4]).toMatchObject({ category: 'billing_dispute', smallTalk: 'human' });
    expect(out[5].category).toBe('none');
    expect(out[6]).toMatchObject({ escalationRisk: true, signals: expect.arrayContaining(['regulator']) });
  });

  it('handles a last line without newline and CRLF input', () => {
    const r = cli(['classify'], '账单不对\r\n网速太慢');
    expect(r.status).toBe(0);
    const out = parseLines(r.stdout);
    expect(out.map((o) => o.category)).toEqual(['billing_dispute', 'product_quality']);
    expect(out[0].text).toBe('账单不对');
  });

  it('writes nothing for empty input', () => {
    const r = cli(['classify'], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('streams a large input through worker threads with the same answers, in order', () => {
    const base = fs
      .readFileSync(path.join(ROOT, 'intents', 'data', 'corpus', 'billing_dispute.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .slice(0, 150);
    const lines: string[] = [];
    for (let i = 0; lines.length < 4000; i++) lines.push(i % 7 === 0 ? '' : `${base[i % base.length]}${i}`);
    const input = lines.join('\n') + '\n';
    const threaded = cli(['classify', '--workers', '2'], input);
    const single = cli(['classify'], input, { COMPLAINT_DESK_WORKERS: '0' });
    expect(threaded.status).toBe(0);
    expect(single.status).toBe(0);
    expect(threaded.stdout).toBe(single.stdout);
    const out = parseLines(threaded.stdout);
    expect(out).toHaveLength(4000);
    out.forEach((o, i) => expect(o.text).toBe(lines[i]));
  }, 60000);

  it('uses a model given with --model', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cli-'));
    const data = path.join(dir, 'd.tsv');
    const model = path.join(dir, 'm.json');
    const rows: string[] = [];
    for (const w of ['苹果', '香蕉', '西瓜', '葡萄', '橘子', '芒果']) rows.push(`我想买${w}\t水果`, `${w}很好吃\t水果`);
    for (const w of ['汽车', '火车', '飞机', '地铁', '公交', '轮船']) rows.push(`我坐${w}上班\t交通`, `${w}晚点了\t交通`);
    fs.writeFileSync(data, rows.join('\n') + '\n');
    expect(cli(['train', '--data', data, '--out', model]).status).toBe(0);
    const r = cli(['classify', '--model', model], '西瓜好吃吗\n火车晚点\n');
    expect(r.status).toBe(0);
    expect(parseLines(r.stdout).map((o) => o.category)).toEqual(['水果', '交通']);
  });

  it('rejects a missing model file and bad options with exit code 2', () => {
    const missing = cli(['classify', '--model', '/nonexistent/model.json'], 'x\n');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/model file not found/);
    const badOpt = cli(['classify', '--bogus'], 'x\n');
    expect(badOpt.status).toBe(2);
    expect(badOpt.stderr).toMatch(/bogus/);
    expect(cli(['classify', '--workers', 'many'], '').status).toBe(2);
  });
});

describe('the CLI as a whole', () => {
  it('prints usage and exits 2 without a command, 0 with --help, 2 for an unknown one', () => {
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage: complaint-desk/);
    expect(none.stdout).toBe('');
    expect(cli(['--help']).status).toBe(0);
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('loads the language layer without printing anything (natural is only loaded by submodule)', () => {
    const r = spawnSync(process.execPath, ['-e', "require('./dist/intents').loadRecognizer().understand('我要去通讯管理局投诉')"], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('keeps the classify path free of bot framework, HTTP and schema libraries', () => {
    const script = `
      const Module = require('module');
      const seen = new Set();
      const orig = Module._load;
      Module._load = function (request, ...rest) { seen.add(request); return orig.call(this, request, ...rest); };
      process.argv = [process.argv[0], 'complaint-desk', 'classify'];
      require('./dist/src/cli/main.js').main(['classify']).then(() => {
        const bad = [...seen].filter((r) => /^(botbuilder|restify|ioredis|zod|wechaty|natural$)/.test(r));
        process.stderr.write(JSON.stringify(bad));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '宽带坏了\n',
      env: { ...process.env, COMPLAINT_DESK_WORKERS: '0' },
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stderr)).toEqual([]);
  });
});
