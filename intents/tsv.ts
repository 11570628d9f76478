/** Reading `text<TAB>label` files for training and evaluation. */
import * as fs from 'fs';
import type { Example } from './textClassifier';

export class TsvError extends Error {}

/**
 * Parses `text<TAB>label` lines (the label is after the last tab, so a text may hold tabs).
 * Blank lines are skipped, as is a `text<TAB>label` header. Throws TsvError naming the first
 * bad lines.
 */
export function parseLabelledTsv(content: string, source = 'input'): Example[] {
  const examples: Example[] = [];
  const bad: number[] = [];
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '');
    if (!line.trim()) return;
    const tab = line.lastIndexOf('\t');
    if (tab < 0) {
      bad.push(i + 1);
      return;
    }
    const text = line.slice(0, tab).trim();
    const label = line.slice(tab + 1).trim();
    if (i === 0 && text.toLowerCase() === 'text' && label.toLowerCase() === 'label') return;
    if (!text || !label) {
      bad.push(i + 1);
      return;
    }
    examples.push({ text, label });
  });
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? `, … (${bad.length} lines)` : '');
    throw new TsvError(`${source}: expected "text<TAB>label" on every line; bad line(s) ${shown}`);
  }
  if (examples.length === 0) throw new TsvError(`${source}: no examples`);
  return examples;
}

export function readLabelledTsv(file: string): Example[] {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TsvError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${(err as Error).message})`);
  }
  return parseLabelledTsv(content, file);
}
