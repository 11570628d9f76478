/**
 * The first-character reading of an expression may say "any" where it cannot follow, but must
 * never leave out a character a match can begin with.
 */
import { firstUnits, RegexGate } from '../../intents/regexGate';

function firstChars(re: RegExp): string | null {
  const units = firstUnits(re);
  if (units === null) return null;
  const chars = new Set<string>();
  for (let k = 0; k < units.length; k += 2) for (let c = units[k]; c <= units[k + 1]; c++) chars.add(String.fromCharCode(c));
  return [...chars].sort().join('');
}

describe('firstUnits', () => {
  it('follows alternatives, optional parts and lookarounds', () => {
    expect(firstChars(/(?:已经|都)?第\s*次|(?<![明都])还有(?!没有)/)).toBe([...'已都第还'].sort().join(''));
    expect(firstChars(/(?:上次|之前)?(?:的)?师傅/)).toBe([...'上之的师'].sort().join(''));
    expect(firstChars(/\b[A-Z]{2,}\b/)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('adds the other case of letters under the i flag', () => {
    expect(firstChars(/vip|会员/i)).toBe([...'vV会'].sort().join(''));
    expect(firstChars(/ks/iu)).toBe([...'kK\u212a'].sort().join(''));
  });

  it('says any where a match may begin anywhere or be empty', () => {
    expect(firstUnits(/[^，。]{0,4}好/)).toBeNull();
    expect(firstUnits(/.好/)).toBeNull();
    expect(firstUnits(/(?:^|\D)666/)).toBeNull();
    expect(firstUnits(/好?/)).toBeNull();
    expect(firstUnits(/(好)\1/)).toBeNull();
    expect(firstUnits(/\p{Script=Han}好/u)).toBeNull();
  });
});

describe('RegexGate', () => {
  const words = /说好的|答应过/;
  const counted = /[两三]次/;
  const gate = new RegexGate([words, counted]);

  it('tells which expressions may match in a text', () => {
    const may = gate.scan('师傅说好的今天来');
    expect(gate.may(may, words)).toBe(true);
    expect(gate.may(may, counted)).toBe(false);
    expect(gate.scan('宽带又断了')).toBe(0);
  });

  it('never rules out an expression that matches', () => {
    for (const text of ['答应过三次了', '都两次了', '你说好的', '三次']) {
      const may = gate.scan(text);
      for (const re of [words, counted]) if (re.test(text)) expect(gate.may(may, re)).toBe(true);
    }
  });
});
