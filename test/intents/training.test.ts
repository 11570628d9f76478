import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtinModelPath, loadRecognizer, parseLabelledTsv, TextClassifier, trainTextClassifier, TsvError } from '../../intents';
import { learnBoilerplate, BoilerplateStripper } from '../../intents/boilerplate';
import { packageRoot } from '../../intents/packageRoot';
import { DEFAULT_LINEAR } from '../../intents/linearModel';
import { L2_GRID } from '../../intents/modelSelection';
import { syntheticWorkOrders } from '../../bench/syntheticWorkOrders';

const examples = [
  ...['苹果很甜', '香蕉熟了', '西瓜多少钱一斤', '葡萄酸不酸', '橘子皮好剥', '买两斤苹果', '芒果很香', '草莓新鲜吗'].map((text) => ({
    text,
    label: '水果',
  })),
  ...['汽车坏在路上', '自行车爆胎了', '公交车晚点', '地铁很挤', '出租车打不到', '火车票买不到', '电动车没电了', '飞机延误了'].map(
    (text) => ({ text, label: '交通' }),
  ),
  ...['明天下雨吗', '今天好热', '刮大风了', '外面下雪了', '天气预报说有雾', '气温零下', '台风要来了', '阴天没太阳'].map((text) => ({
    text,
    label: '天气',
  })),
];

describe('training on any label set', () => {
  it('learns a small custom label set and is deterministic', () => {
    const a = trainTextClassifier(examples);
    const b = trainTextClassifier(examples);
    expect(a.labels).toEqual(['交通', '天气', '水果']);
    expect(a.file.weights).toBe(b.file.weights);
    expect(a.predict('苹果甜不甜').label).toBe('水果');
    expect(a.predict('地铁又晚点').label).toBe('交通');
    expect(a.predict('明天会下雪吗').label).toBe('天气');
  });

  it('round-trips through a model file', () => {
    const model = trainTextClassifier(examples);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-model-')), 'm.json');
    model.save(file);
    const loaded = TextClassifier.load(file);
    const p1 = model.predict('香蕉多少钱');
    const p2 = loaded.predict('香蕉多少钱');
    expect(p2.label).toBe(p1.label);
    expect(p2.confidence).toBeCloseTo(p1.confidence, 5);
    expect(loadRecognizer({ modelPath: file }).understand('火车晚点了').category).toBe('交通');
  });

  it('keeps the default L2 on sets too small to cross-validate', () => {
    const model = trainTextClassifier(examples);
    expect(model.file.selection).toBeUndefined();
    expect(model.file.training.l2).toBe(DEFAULT_LINEAR.l2);
  });

  it('chooses its L2 by internal cross-validation on long, noisily labelled work orders, and records why', () => {
    const model = trainTextClassifier(syntheticWorkOrders(480, 3, 0.1));
    expect(model.file.selection?.candidates.map((c) => c.l2)).toEqual(L2_GRID);
    const best = Math.max(...model.file.selection!.candidates.map((c) => c.accuracy));
    expect(model.file.selection!.candidates.find((c) => c.l2 === model.file.training.l2)!.accuracy).toBe(best);
    expect(model.file.training.l2).toBeGreaterThan(DEFAULT_LINEAR.l2);
  });

  it('takes an L2 it is given without searching', () => {
    const model = trainTextClassifier(syntheticWorkOrders(240, 3, 0.1), { linear: { l2: 1e-3 } });
    expect(model.file.selection).toBeUndefined();
    expect(model.file.training.l2).toBe(1e-3);
  });

  it('refuses a single label', () => {
    expect(() => trainTextClassifier(examples.filter((e) => e.label === '水果'))).toThrow(/two labels/);
  });

  it('rejects a file that is not a model', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-model-')), 'bad.json');
    fs.writeFileSync(file, '{"hello":1}');
    expect(() => TextClassifier.load(file)).toThrow(/not a complaint-desk model/);
  });
});

describe('form boilerplate', () => {
  it('learns field names common to most labels and strips them', () => {
    const texts: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < 60; i++) {
      const label = ['甲', '乙', '丙'][i % 3];
      texts.push(`工单编号：${1000 + i}@~受理渠道：热线@~客户诉求：${label}问题第${i}次`);
      labels.push(label);
    }
    const learnt = learnBoilerplate(texts, labels);
    expect(learnt).toEqual(expect.arrayContaining(['工单编号', '受理渠道', '客户诉求', '热线']));
    const stripped = new BoilerplateStripper(learnt).strip(texts[0]);
    expect(stripped).not.toContain('工单编号');
    expect(stripped).toContain('甲问题第0次');
  });
});

describe('TSV input', () => {
  it('parses text<TAB>label with a header, CRLF and blank lines', () => {
    expect(parseLabelledTsv('text\tlabel\r\n苹果\t水果\r\n\r\n汽车\t交通\n')).toEqual([
      { text: '苹果', label: '水果' },
      { text: '汽车', label: '交通' },
    ]);
  });
  it('names bad lines', () => {
    expect(() => parseLabelledTsv('苹果\t水果\n没有标签\n')).toThrow(TsvError);
    expect(() => parseLabelledTsv('苹果\t水果\n没有标签\n')).toThrow(/line\(s\) 2/);
  });
});

describe('built-in model location', () => {
  it('resolves from the package root, not the compiled file', () => {
    expect(packageRoot()).toBe(path.resolve(__dirname, '..', '..'));
    expect(builtinModelPath()).toBe(path.join(packageRoot(), 'intents', 'model', 'builtin.json'));
    expect(fs.existsSync(builtinModelPath())).toBe(true);
  });
});
