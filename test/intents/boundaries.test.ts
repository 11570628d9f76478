/** intents/ is the language layer: no channel, HTTP server, bot framework, storage or schema library. */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'data' || e.name === 'model' ? [] : sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN = /^(botbuilder|botframework|restify|ioredis|redis|wechaty|ws$|zod$|pino$|natural$)/;

describe('import boundaries of intents/', () => {
  const files = sources(path.join(ROOT, 'intents'));
  it.each(files.map((f) => [path.relative(ROOT, f)]))('%s', (rel) => {
    const text = fs
      .readFileSync(path.join(ROOT, rel), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const specifiers = [...text.matchAll(/(?:from\s+|require\()\s*'([^']+)'/g)].map((m) => m[1]);
    for (const spec of specifiers) {
      expect(spec).not.toMatch(FORBIDDEN);
      if (spec.startsWith('.')) {
        const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, rel)), spec));
        // inside intents/, or the shared domain types
        expect(target.startsWith('intents') || target.startsWith(path.join('src', 'domain'))).toBe(true);
      }
    }
  });
});
