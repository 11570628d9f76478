#!/usr/bin/env node
/**
 * Builds the agent console (src/web/agent) into dist/web/agent: one minified ES module bundle
 * (Preact + htm + our code) and one stylesheet, each with a source map, plus the static page
 * and icon. Everything is served by the service itself, so the console works offline.
 *
 *   npm run build:web            build once
 *   npm run build:web -- --watch rebuild on change (development)
 */
import { build, context } from 'esbuild';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src/web/agent');
const outDir = path.join(root, 'dist/web/agent');
const STATIC_FILES = ['index.html', 'icon.svg'];

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: root,
  entryPoints: [path.join(srcDir, 'main.ts'), path.join(srcDir, 'agent.css')],
  outdir: outDir,
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

async function copyStatic() {
  for (const name of STATIC_FILES) await copyFile(path.join(srcDir, name), path.join(outDir, name));
}

async function report() {
  const rows = [];
  for (const name of (await readdir(outDir)).sort()) {
    rows.push(`  ${name.padEnd(20)} ${((await stat(path.join(outDir, name))).size / 1024).toFixed(1).padStart(7)} KiB`);
  }
  console.log(`agent console built into ${path.relative(root, outDir)}/\n${rows.join('\n')}`);
}

if (process.argv.includes('--watch')) {
  await mkdir(outDir, { recursive: true });
  await copyStatic();
  const ctx = await context({ ...options, minify: false });
  await ctx.watch();
  console.log('watching src/web/agent (index.html and icon.svg are copied at start only)…');
} else {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build(options);
  await copyStatic();
  await report();
}
