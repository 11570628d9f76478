#!/usr/bin/env node
// Writes README.md's settings table from .env.example, so the two cannot drift apart.
// `node scripts/settings-table.mjs` rewrites the table; `--check` exits 1 when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER = '| Setting | Default | Meaning |\n|---|---|---|\n';

/** One row per uncommented `NAME=value` line; its meaning is the comment block above it. */
export function settingsRows(envExample) {
  const rows = [];
  let comment = [];
  let lastMeaning = '';
  for (const raw of envExample.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      comment = [];
      continue;
    }
    if (line.startsWith('#')) {
      const text = line.replace(/^#\s?/, '');
      // `# REDIS_URL=redis://…` is an example value, not a description.
      if (!/^[A-Z][A-Z0-9_]*=/.test(text)) comment.push(text.trim());
      continue;
    }
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    // Settings that follow each other without a comment of their own share the one above.
    const meaning = comment.length ? comment.join(' ') : lastMeaning;
    lastMeaning = meaning;
    comment = [];
    rows.push({ name: match[1], value: match[2], meaning });
  }
  return rows;
}

export function settingsTable(envExample) {
  const cell = (s) => s.replace(/\|/g, '\\|');
  return (
    HEADER +
    settingsRows(envExample)
      .map((r) => `| \`${r.name}\` | ${r.value ? `\`${cell(r.value)}\`` : '—'} | ${cell(r.meaning)} |`)
      .join('\n') +
    '\n'
  );
}

function main() {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(HEADER);
  if (start === -1) throw new Error('README.md has no settings table');
  let end = start + HEADER.length;
  while (end < readme.length && readme.startsWith('|', end)) end = readme.indexOf('\n', end) + 1;
  const table = settingsTable(readFileSync(join(root, '.env.example'), 'utf8'));
  const next = readme.slice(0, start) + table + readme.slice(end);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md settings table is stale: run node scripts/settings-table.mjs');
      process.exit(1);
    }
    return;
  }
  writeFileSync(readmePath, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
