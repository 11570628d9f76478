import { cutWords, normalize, normalizeText, toHalfWidth, toSimplified } from '../../intents';
import { FuzzyLexicon } from '../../intents/fuzzyLexicon';
import { misspeltTelecomTerms } from '../../intents/lexicons';
import * as fs from 'fs';
import { MASK, NUMBER, TRADITIONAL_UNITS_FILE, traditionalUnitsFromOpenCC } from '../../intents/normalize';
import { dataPath } from '../../intents/packageRoot';
import { cutDictionaryWords, isDictionaryWord } from '../../intents/tokenizer';

describe('normalisation', () => {
  it('turns full-width ASCII into half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３！？　ｘ')).toBe('ABC123!? x');
  });

  it('converts traditional to simplified, with Taiwan phrases', () => {
    expect(toSimplified('寬頻斷線，帳單亂扣費，簡訊收不到')).toBe('宽带断线，账单乱扣费，短信收不到');
  });

  it('knows traditional characters from the packaged list, which is what OpenCC converts (node dist/intents/tools/traditionalUnits.js)', () => {
    const packaged = fs.readFileSync(dataPath(TRADITIONAL_UNITS_FILE), 'utf8').trim();
    expect(packaged.length).toBeGreaterThan(3000);
    expect(packaged === traditionalUnitsFromOpenCC()).toBe(true);
    // one traditional character is enough; the conversion itself is OpenCC's, phrases included
    expect(toSimplified('網速太慢')).toBe('网速太慢');
    expect(toSimplified('网速太慢了㑯')).not.toBe('网速太慢了㑯');
  });

  it('leaves simplified text alone (资料 stays 资料)', () => {
    expect(toSimplified('办理需要带什么资料')).toBe('办理需要带什么资料');
  });

  it('collapses masked and identifying digits for the model, keeps 5G', () => {
    expect(normalize('我的号码138****5678被停机')).toBe(`我的号码${MASK}被停机`);
    expect(normalize('身份证******1234')).toBe(`身份证${MASK}`);
    expect(normalize('多扣我80块')).toBe(`多扣我${NUMBER}块`);
    expect(normalize('5G信号差')).toBe('5g信号差');
    expect(normalizeText('  ＴＥＳＴ\r')).toBe('TEST');
  });
});

describe('tokenisation', () => {
  it('keeps telecom terms whole', () => {
    const words = cutWords('我想携号转网，光猫坏了，停机保号怎么办，副卡和彩铃扣费');
    for (const term of ['携号转网', '光猫', '停机保号', '副卡', '彩铃']) expect(words).toContain(term);
  });

  it('returns every character (tokens concatenate to the input)', () => {
    const text = '5G网络信号差， wifi连不上!!';
    expect(cutWords(text).join('')).toBe(text);
  });

  it('knows dictionary words from made-up ones', () => {
    expect(isDictionaryWord('营业员')).toBe(true);
    expect(isDictionaryWord('协号转网')).toBe(false);
    expect(cutDictionaryWords('宽带').join('')).toBe('宽带');
  });
});

describe('typo-tolerant lexicon (natural Damerau-Levenshtein)', () => {
  it('finds homophone slips of telecom terms', () => {
    expect(misspeltTelecomTerms('我想协号转网')).toContain('携号转网');
    expect(misspeltTelecomTerms('机顶合坏了')).toContain('机顶盒');
    expect(misspeltTelecomTerms('我想携号转网')).toEqual([]);
  });

  it('does not take other words for typos', () => {
    expect(misspeltTelecomTerms('营业员态度差')).toEqual([]);
    expect(misspeltTelecomTerms('流量用完了')).toEqual([]);
    expect(misspeltTelecomTerms('短信收到了')).toEqual([]);
  });

  it('reports offsets, distance and what was written', () => {
    const lexicon = new FuzzyLexicon([{ term: '通信管理局', value: 'regulator' }]);
    const [hit] = lexicon.find('我要去通讯管理局投诉');
    expect(hit).toMatchObject({ term: '通信管理局', value: 'regulator', start: 3, end: 8, distance: 1, matched: '通讯管理局' });
    expect(lexicon.find('我要去通信管理局投诉')[0]).toMatchObject({ distance: 0, start: 3 });
  });
});
