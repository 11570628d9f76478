/**
 * What character a match of an expression can begin with, read from its source, so that an
 * expression is run only on texts holding such a character. Most expressions here are lists of
 * Chinese words, and most messages hold the first character of none of them.
 *
 * The reading errs one way only: a character it leaves out can never begin a match. What it
 * does not follow (a negated class, `.`, \p{…}, a part that can match the empty string) counts as
 * "any character", and a source it cannot read (a back-reference) as "any" for the whole
 * expression, which keeps the expression always run.
 */

/** Code unit ranges, [from, to] pairs; null: any code unit. */
type Units = number[] | null;

interface First {
  units: Units;
  /** Can match the empty string. */
  nullable: boolean;
}

class Unsupported extends Error {}

const WHITESPACE = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000,
  0xfeff, 0xfeff,
];
const DIGITS = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];

function union(a: Units, b: Units): Units {
  return a === null || b === null ? null : a.concat(b);
}

function single(c: number): Units {
  return [c, c];
}

class SourceReader {
  private at = 0;

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  /** The alternatives at the top level, each with its source text. */
  topLevel(): Array<{ source: string; first: First }> {
    const out: Array<{ source: string; first: First }> = [];
    for (;;) {
      const from = this.at;
      const first = this.alternative();
      out.push({ source: this.src.slice(from, this.at), first });
      if (this.at >= this.src.length) return out;
      if (this.src[this.at] !== '|') throw new Unsupported();
      this.at++;
    }
  }

  private disjunction(): First {
    let units: Units = [];
    let nullable = false;
    for (;;) {
      const alt = this.alternative();
      units = union(units, alt.units);
      nullable ||= alt.nullable;
      if (this.src[this.at] !== '|') return { units, nullable };
      this.at++;
    }
  }

  private alternative(): First {
    let units: Units = [];
    let nullable = true;
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const term = this.quantified(this.atom());
      if (nullable) units = union(units, term.units);
      nullable &&= term.nullable;
    }
    return { units, nullable };
  }

  private quantified(atom: First): First {
    const c = this.src[this.at];
    let min = 1;
    if (c === '*' || c === '?') {
      min = 0;
      this.at++;
    } else if (c === '+') this.at++;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.at));
      if (!m) {
        if (this.unicode) throw new Unsupported();
        return atom;
      }
      min = Number(m[1]);
      this.at += m[0].length;
    } else return atom;
    if (this.src[this.at] === '?') this.at++;
    return min === 0 ? { units: atom.units, nullable: true } : atom;
  }

  private atom(): First {
    const src = this.src;
    const c = src[this.at];
    if (c === '^' || c === '$') {
      this.at++;
      return { units: [], nullable: true };
    }
    if (c === '.') {
      this.at++;
      return { units: null, nullable: false };
    }
    if (c === '(') return this.group();
    if (c === '[') return { units: this.characterClass(), nullable: false };
    if (c === '\\') {
      const next = src[this.at + 1];
      if (next === 'b' || next === 'B') {
        this.at += 2;
        return { units: [], nullable: true };
      }
      // back-references: whatever the group matched, possibly nothing
      if (/[1-9]/.test(next ?? '') || next === 'k') throw new Unsupported();
      return { units: this.escape(false), nullable: false };
    }
    if (c === '*' || c === '+' || c === '?' || c === ')' || c === '|') throw new Unsupported();
    if ((c === '{' || c === '}' || c === ']') && this.unicode) throw new Unsupported();
    const code = src.charCodeAt(this.at);
    this.at += this.unicode && code >= 0xd800 && code <= 0xdbff && this.at + 1 < src.length ? 2 : 1;
    return { units: single(code), nullable: false };
  }

  private group(): First {
    const src = this.src;
    this.at++;
    let lookaround = false;
    if (src[this.at] === '?') {
      const kind = src.slice(this.at, this.at + 3);
      if (kind.startsWith('?:')) this.at += 2;
      else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        this.at += 2;
        lookaround = true;
      } else if (kind === '?<=' || kind === '?<!') {
        this.at += 3;
        lookaround = true;
      } else if (kind.startsWith('?<')) {
        const close = src.indexOf('>', this.at);
        if (close < 0) throw new Unsupported();
        this.at = close + 1;
      } else throw new Unsupported();
    }
    const inner = this.disjunction();
    if (src[this.at] !== ')') throw new Unsupported();
    this.at++;
    return lookaround ? { units: [], nullable: true } : inner;
  }

  private characterClass(): Units {
    const src = this.src;
    this.at++;
    const negated = src[this.at] === '^';
    if (negated) this.at++;
    let units: Units = [];
    while (src[this.at] !== ']') {
      if (this.at >= src.length) throw new Unsupported();
      const from = this.classAtom();
      if (src[this.at] === '-' && src[this.at + 1] !== ']') {
        this.at++;
        const to = this.classAtom();
        if (from === null || to === null || from.length !== 2 || to.length !== 2 || from[0] !== from[1] || to[0] !== to[1]) {
          // \d-x and the like: a literal - between two sets outside unicode mode
          if (this.unicode) throw new Unsupported();
          units = union(union(union(units, from), to), single(0x2d));
        } else units = union(units, [from[0], to[0]]);
      } else units = union(units, from);
    }
    this.at++;
    return negated ? null : units;
  }

  private classAtom(): Units {
    if (this.src[this.at] === '\\') return this.escape(true);
    const code = this.src.charCodeAt(this.at);
    this.at += this.unicode && code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    return single(code);
  }

  /** An escape at `at` (the backslash); in a class \b is a backspace. */
  private escape(inClass: boolean): Units {
    const src = this.src;
    const c = src[this.at + 1];
    if (c === undefined) throw new Unsupported();
    this.at += 2;
    switch (c) {
      case 'd':
        return DIGITS;
      case 's':
        return WHITESPACE;
      case 'w':
        return WORD;
      case 'p':
      case 'P': {
        if (!this.unicode) return single(c.charCodeAt(0));
        const close = src.indexOf('}', this.at);
        if (src[this.at] !== '{' || close < 0) throw new Unsupported();
        this.at = close + 1;
        return null;
      }
      case 'D':
      case 'S':
      case 'W':
        return null;
      case 't':
        return single(9);
      case 'n':
        return single(10);
      case 'v':
        return single(11);
      case 'f':
        return single(12);
      case 'r':
        return single(13);
      case '0':
        if (/[0-9]/.test(src[this.at] ?? '')) throw new Unsupported();
        return single(0);
      case 'b':
        if (inClass) return single(8);
        throw new Unsupported();
      case 'c': {
        const letter = src[this.at];
        if (!/[a-zA-Z]/.test(letter ?? '')) throw new Unsupported();
        this.at++;
        return single(letter.charCodeAt(0) % 32);
      }
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(src.slice(this.at));
        if (!hex) throw new Unsupported();
        this.at += 2;
        return single(parseInt(hex[0], 16));
      }
      case 'u': {
        const braced = this.unicode ? /^\{([0-9a-fA-F]+)\}/.exec(src.slice(this.at)) : null;
        if (braced) {
          this.at += braced[0].length;
          const cp = parseInt(braced[1], 16);
          return single(cp > 0xffff ? 0xd800 + ((cp - 0x10000) >> 10) : cp);
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(src.slice(this.at));
        if (!hex) throw new Unsupported();
        this.at += 4;
        const unit = parseInt(hex[0], 16);
        // a surrogate pair written as two escapes is one character in unicode mode
        if (this.unicode && unit >= 0xd800 && unit <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(src.slice(this.at))) this.at += 6;
        return single(unit);
      }
      default:
        if (/[0-9a-zA-Z]/.test(c)) throw new Unsupported();
        return single(c.charCodeAt(0));
    }
  }
}

/**
 * With the i flag, every case variant of a letter. Beyond ASCII only characters without case
 * are followed (Chinese, punctuation); a cased one (é, Σ, Ａ) counts as any character.
 */
function withCaseVariants(units: number[], unicode: boolean): Units {
  const out = units.slice();
  for (let k = 0; k < units.length; k += 2) {
    for (let c = units[k]; c <= units[k + 1]; c++) {
      if (c >= 0x4e00 && c <= 0x9fff) {
        c = Math.min(units[k + 1], 0x9fff);
        continue;
      }
      const ch = String.fromCharCode(c);
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower === ch && upper === ch) continue;
      if (c >= 0x80) return null;
      out.push(lower.charCodeAt(0), lower.charCodeAt(0), upper.charCodeAt(0), upper.charCodeAt(0));
      // simple case folding in unicode mode: ſ is an s, the Kelvin sign a k
      if (unicode && (lower === 's' || lower === 'k')) out.push(lower === 's' ? 0x17f : 0x212a, lower === 's' ? 0x17f : 0x212a);
    }
  }
  return out;
}

function finish(first: First, flags: string): Units {
  if (first.nullable || first.units === null) return null;
  return flags.includes('i') ? withCaseVariants(first.units, flags.includes('u')) : first.units;
}

/**
 * The top-level alternatives of an expression, each with the code units a match of it can
 * begin with (null: any); undefined when the source is beyond this reading.
 */
export function alternativesWithFirstUnits(re: RegExp): Array<{ source: string; units: Units }> | undefined {
  if (re.flags.includes('v')) return undefined;
  try {
    return new SourceReader(re.source, re.flags.includes('u'))
      .topLevel()
      .map(({ source, first }) => ({ source, units: finish(first, re.flags) }));
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** The code units a match of `re` can begin with; null when any can. */
export function firstUnits(re: RegExp): Units {
  const alternatives = alternativesWithFirstUnits(re);
  if (!alternatives) return null;
  let units: Units = [];
  for (const alt of alternatives) units = union(units, alt.units);
  return units;
}

/** Marks `bit` in `table` for each code unit of `units`. */
export function markUnits(table: Uint32Array | Uint8Array, units: number[], bit: number): void {
  for (let k = 0; k < units.length; k += 2) for (let c = units[k]; c <= units[k + 1]; c++) table[c] |= bit;
}

/**
 * Up to 31 expressions read against the same texts: one pass over a text tells which of them
 * can match in it at all (bit i for expression i).
 */
export class RegexGate {
  private readonly table = new Uint32Array(65536);
  /** Expressions that may begin anywhere. */
  private readonly always: number;
  private readonly bits = new Map<RegExp, number>();

  constructor(expressions: readonly RegExp[]) {
    if (expressions.length > 31) throw new Error('RegexGate: at most 31 expressions');
    let always = 0;
    expressions.forEach((re, i) => {
      this.bits.set(re, 1 << i);
      const units = firstUnits(re);
      if (units === null) always |= 1 << i;
      else markUnits(this.table, units, 1 << i);
    });
    this.always = always;
  }

  /** Bit i set: expression i may match somewhere in `text`; clear: it cannot. */
  scan(text: string): number {
    const table = this.table;
    let bits = this.always;
    for (let i = 0; i < text.length; i++) bits |= table[text.charCodeAt(i)];
    return bits;
  }

  /** Whether `re`, one of the gate's expressions, may match in the text `scanned` came from. */
  may(scanned: number, re: RegExp): boolean {
    return (scanned & this.bits.get(re)!) !== 0;
  }
}
