/** Folder-level import graph of src/ read from the real import/export/require statements. */
import * as fs from 'fs';
import * as path from 'path';
import { FILE_LAYERS } from './layers';

export const ROOT = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** src/cases/x.ts -> cases; src/index.ts -> index; dialogs/a/b.ts -> dialogs. */
export function folderOf(absFile: string): string {
  const file = path.relative(ROOT, absFile).split(path.sep).join('/');
  const placed = FILE_LAYERS[file] ?? FILE_LAYERS[`${file}.ts`];
  if (placed) return placed;
  const rel = path.relative(ROOT, absFile).split(path.sep);
  if (rel[0] !== 'src') return rel[0];
  return rel.length > 2 ? rel[1] : rel[1].replace(/\.tsx?$/, '');
}

export interface ImportEdge {
  from: string;
  to: string;
  file: string;
}

export function importEdges(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sources(path.join(ROOT, 'src'))) {
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const pattern = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
    for (const m of text.matchAll(pattern)) {
      if (!m[1].startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), m[1]);
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) edges.push({ from, to, file: path.relative(ROOT, file) });
    }
  }
  return edges;
}
