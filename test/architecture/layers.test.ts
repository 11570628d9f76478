import { importEdges, type ImportEdge } from './importGraph';
import { KNOWN_CYCLES, KNOWN_UPWARD } from './knownUpward';
import { LAYERS, SIDEWAYS, rankOf } from './layers';

const edges = importEdges();
const pairs = [...new Set(edges.map((e) => `${e.from} -> ${e.to}`))].sort();

function filesOf(pair: string): string {
  return [...new Set(edges.filter((e: ImportEdge) => `${e.from} -> ${e.to}` === pair).map((e) => e.file))].join(', ');
}

function isWrong(pair: string): boolean {
  const [from, to] = pair.split(' -> ');
  const a = rankOf(from) ?? -1;
  const b = rankOf(to) ?? -1;
  return b > a || (a === b && !SIDEWAYS.includes(pair));
}

/** Groups of folders that import each other, directly or around a loop (Tarjan's components). */
export function cyclicGroups(links: string[]): string[] {
  const graph = new Map<string, string[]>();
  for (const p of links) {
    const [from, to] = p.split(' -> ');
    graph.set(from, [...(graph.get(from) ?? []), to]);
    if (!graph.has(to)) graph.set(to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort().join(' '));
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups.sort();
}

describe('layers of src/', () => {
  it('every folder has a layer', () => {
    const unplaced = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((f) => rankOf(f) === undefined);
    expect(unplaced).toEqual([]);
  });

  it('no folder sits in two layers', () => {
    const all = LAYERS.flatMap((l) => l.folders);
    expect(all.length).toBe(new Set(all).size);
  });

  it('imports go down, or sideways where the table allows it', () => {
    const wrong = pairs.filter((p) => isWrong(p) && !KNOWN_UPWARD.includes(p)).map((p) => `${p}  (${filesOf(p)})`);
    expect(wrong).toEqual([]);
  });

  it('the known upward imports are exactly the ones that remain', () => {
    expect(pairs.filter(isWrong)).toEqual([...KNOWN_UPWARD].sort());
  });

  it('no import cycle between folders other than the known ones', () => {
    expect(cyclicGroups(pairs)).toEqual([...KNOWN_CYCLES].sort());
  });

  it('the cycle finder sees a loop of three and ignores a chain', () => {
    expect(cyclicGroups(['a -> b', 'b -> c', 'c -> a', 'c -> d'])).toEqual(['a b c']);
    expect(cyclicGroups(['a -> b', 'b -> c'])).toEqual([]);
  });

  it('the rule flags an upward and an unlisted sideways import', () => {
    expect(isWrong('domain -> http')).toBe(true);
    expect(isWrong('cases -> bot')).toBe(true);
    expect(isWrong('http -> domain')).toBe(false);
  });
});
