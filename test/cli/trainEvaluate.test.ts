import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, requireBuild, ROOT } from './cliHelpers';

beforeAll(requireBuild);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-train-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

function dataset(): { train: string; test: string } {
  const topics: Record<string, string[]> = {
    宽带: ['宽带', '光猫', '路由器', '光纤', '网线', '机顶盒'],
    话费: ['话费', '账单', '月租', '套餐费', '流量费', '扣费'],
    态度: ['客服', '营业员', '工作人员', '师傅', '经理', '值班员'],
  };
  const templates = ['我的{}有问题', '{}怎么回事', '关于{}的投诉', '{}一直没解决', '请处理{}', '{}让人不满'];
  const train: string[] = [];
  const test: string[] = [];
  for (const [label, words] of Object.entries(topics)) {
    words.forEach((w, i) => templates.forEach((t, j) => ((i + j) % 4 === 0 ? test : train).push(`${t.replace('{}', w)}\t${label}`)));
  }
  return { train: file('train.tsv', 'text\tlabel\n' + train.join('\r\n') + '\r\n'), test: file('test.tsv', test.join('\n') + '\n') };
}

describe('complaint-desk train / evaluate', () => {
  it('round-trips a small custom label set', () => {
    const { train, test } = dataset();
    const model = path.join(dir, 'custom.json');
    const t = cli(['train', '--data', train, '--out', model]);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/3 labels/);
    // stderr is a pipe here, not a terminal: no progress output
    expect(t.stderr).toBe('');
    expect(JSON.parse(fs.readFileSync(model, 'utf8')).labels).toEqual(['宽带', '态度', '话费']);

    const j = cli(['evaluate', '--data', test, '--model', model, '--json']);
    expect(j.status).toBe(0);
    const result = JSON.parse(j.stdout);
    expect(j.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(result.perLabel).sort()).toEqual(['宽带', '态度', '话费']);
    expect(result.confusion).toHaveLength(3);

    const text = cli(['evaluate', '--data', test, '--model', model]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/accuracy\s+\d\.\d{4}/);
    expect(text.stdout).toMatch(/macro-F1\s+\d\.\d{4}/);
    expect(text.stdout).toMatch(/precision\s+recall\s+F1\s+support/);
    expect(text.stdout).toMatch(/confusion matrix/);
  });

  it('evaluates the built-in model when no --model is given', () => {
    const data = file(
      'builtin.tsv',
      ['我家宽带坏了没人来修\tafter_sales', '这个月话费多扣了50块\tbilling_dispute', '你好\tnone', '客服态度太差了\tservice_attitude'].join(
        '\n',
      ) + '\n',
    );
    const r = cli(['evaluate', '--data', data, '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.model).toBe('builtin');
    expect(result.accuracy).toBe(1);
  });

  it('trains the same model twice from the same data', () => {
    const { train } = dataset();
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    cli(['train', '--data', train, '--out', a]);
    cli(['train', '--data', train, '--out', b]);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
  });
});

describe('bad input → a clear message on stderr and exit code 2', () => {
  const out = () => path.join(dir, 'never.json');
  it.each<[string, () => string[], RegExp]>([
    ['missing --data', () => ['train', '--out', out()], /missing --data/],
    ['missing --out', () => ['train', '--data', file('ok.tsv', 'a\tx\nb\ty\n')], /missing --out/],
    ['missing file', () => ['train', '--data', path.join(dir, 'nope.tsv'), '--out', out()], /no such file/],
    ['a line without a tab', () => ['train', '--data', file('notab.tsv', '苹果\t水果\n香蕉是水果\n'), '--out', out()], /bad line\(s\) 2/],
    ['one label only', () => ['train', '--data', file('one.tsv', '苹果\t水果\n香蕉\t水果\n'), '--out', out()], /only one label/],
    ['empty file', () => ['train', '--data', file('empty.tsv', ''), '--out', out()], /no examples/],
    ['unknown option', () => ['train', '--data', file('ok2.tsv', 'a\tx\nb\ty\n'), '--out', out(), '--fast'], /fast/],
    ['evaluate: missing file', () => ['evaluate', '--data', path.join(dir, 'nope.tsv')], /no such file/],
    [
      'evaluate: missing model',
      () => ['evaluate', '--data', file('ok3.tsv', 'a\tx\n'), '--model', path.join(dir, 'nomodel.json')],
      /model file not found/,
    ],
    [
      'evaluate: not a model',
      () => ['evaluate', '--data', file('ok4.tsv', 'a\tx\n'), '--model', file('notmodel.json', '{"a":1}')],
      /not a complaint-desk model/,
    ],
  ])('%s', (_name, args, message) => {
    const r = cli(args());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(out())).toBe(false);
  });
});

describe('the package layout', () => {
  it('ships the built-in model where the compiled code finds it', () => {
    expect(fs.existsSync(path.join(ROOT, 'intents', 'model', 'builtin.json'))).toBe(true);
  });
});
