/**
 * Regenerates intents/data/fragment-clauses.tsv, the fragment head's clauses (fragmentHead.ts),
 * from the tuning tables only: the clause table as it is, and every clause of the tuning
 * messages, a fragment when the table lists it as one and a grievance otherwise. The held-out
 * tables are never read. A test fails when the file and the tables disagree.
 *
 *   node dist/intents/tools/fragmentClauseSet.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { splitClauses } from '../grievances';
import { normalizeText } from '../normalize';
import { dataPath, packageRoot } from '../packageRoot';

/** Clause tables (clause, 1/0) and message tables (message, categories, fragments). */
const CLAUSE_TABLES = ['fragmentClauses.tuning.tsv', 'fragmentClauses.tuning2.tsv'];
const MESSAGE_TABLES = ['fragments.tuning.tsv', 'fragments.tuning2.tsv'];

function rows(table: string): string[][] {
  return fs
    .readFileSync(path.join(packageRoot(), 'test', 'intents', 'cases', table), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t').map((c) => c.trim()));
}

/** Content only: no punctuation, symbols or spaces (as the fragment tables compare clauses). */
export function content(text: string): string {
  return normalizeText(text).replace(/[\p{P}\p{S}\s]/gu, '');
}

export function fragmentClauseSet(): string {
  const lines = [
    '# clause\t1: carries no grievance of its own (a fragment), 0: a grievance. Made by intents/tools/fragmentClauseSet.ts from the tuning tables.',
  ];
  const seen = new Set<string>();
  const add = (clause: string, fragment: boolean) => {
    const text = clause.replace(/[\t\n]/g, ' ').trim();
    const key = `${content(text)}\t${fragment}`;
    if (!content(text) || seen.has(key)) return;
    seen.add(key);
    lines.push(`${text}\t${fragment ? 1 : 0}`);
  };
  for (const table of CLAUSE_TABLES) for (const [clause, flag] of rows(table)) add(clause, flag === '1');
  for (const table of MESSAGE_TABLES) {
    for (const [message, , fragmentCell] of rows(table)) {
      const fragments = new Set(fragmentCell === '-' ? [] : fragmentCell.split('|').map(content));
      for (const clause of splitClauses(normalizeText(message))) add(clause.text, fragments.has(content(clause.text)));
    }
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  const text = fragmentClauseSet();
  fs.writeFileSync(dataPath('fragment-clauses.tsv'), text);
  process.stderr.write(`wrote ${text.split('\n').length - 2} clauses\n`);
}
