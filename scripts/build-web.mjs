#!/usr/bin/env node
/**
 * Builds the staff pages (src/web/agent, src/web/supervisor, src/web/reports) into
 * dist/web/<page>: per page one minified ES module bundle (Preact + htm + our code) and one
 * stylesheet, each with a source map, plus the page (src/web/shared/index.html, filled in) and
 * icon. Everything is served by the service itself, so the pages work offline.
 *
 *   npm run build:web            build once
 *   npm run build:web -- --watch rebuild on change (development)
 */
import { build, context } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The pages, each built from src/web/<name> into dist/web/<name> and served at /<name>
 * (src/http/pages/agentPage.ts). Shared code (src/web/shared, api.ts, stream.ts, …) is bundled
 * into each; each page's index.html is src/web/shared/index.html with its name and title.
 */
const PAGES = [
  { name: 'agent', title: '坐席工作台', entries: ['main.ts', 'agent.css'], staticFiles: ['icon.svg'] },
  { name: 'supervisor', title: '值班监控台', entries: ['main.ts', 'supervisor.css'], staticFiles: ['icon.svg'] },
  { name: 'reports', title: '投诉报表', entries: ['main.ts', 'reports.css'], staticFiles: ['icon.svg'] },
];
const INDEX_TEMPLATE = path.join(root, 'src/web/shared/index.html');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: 'linked',
  sourcesContent: true,
  // Keep Chinese text as UTF-8 rather than \u escapes: smaller and readable in devtools.
  charset: 'utf8',
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

const srcDirOf = (page) => path.join(root, 'src/web', page.name);
const outDirOf = (page) => path.join(root, 'dist/web', page.name);
const optionsOf = (page) => ({ ...common, entryPoints: page.entries.map((e) => path.join(srcDirOf(page), e)), outdir: outDirOf(page) });

async function copyStatic(page) {
  for (const name of page.staticFiles) await copyFile(path.join(srcDirOf(page), name), path.join(outDirOf(page), name));
  const index = (await readFile(INDEX_TEMPLATE, 'utf8')).replaceAll('{{name}}', page.name).replaceAll('{{title}}', page.title);
  await writeFile(path.join(outDirOf(page), 'index.html'), index);
}

async function report(page) {
  const outDir = outDirOf(page);
  const rows = [];
  for (const name of (await readdir(outDir)).sort()) {
    rows.push(`  ${name.padEnd(20)} ${((await stat(path.join(outDir, name))).size / 1024).toFixed(1).padStart(7)} KiB`);
  }
  console.log(`/${page.name} built into ${path.relative(root, outDir)}/\n${rows.join('\n')}`);
}

/** `npm run build:web -- agent supervisor` builds only those pages (all by default). */
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const selected = only.length ? PAGES.filter((p) => only.includes(p.name)) : PAGES;

if (process.argv.includes('--watch')) {
  for (const page of selected) {
    await mkdir(outDirOf(page), { recursive: true });
    await copyStatic(page);
    const ctx = await context({ ...optionsOf(page), minify: false });
    await ctx.watch();
  }
  console.log(`watching ${selected.map((p) => `src/web/${p.name}`).join(', ')} (static files are copied at start only)…`);
} else {
  for (const page of selected) {
    await rm(outDirOf(page), { recursive: true, force: true });
    await mkdir(outDirOf(page), { recursive: true });
    await build(optionsOf(page));
    await copyStatic(page);
    await report(page);
  }
}
