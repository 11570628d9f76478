import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/**
 * The directory holding package.json. Data files (dictionaries, the built-in model) live under
 * the package root, not next to the compiled code, so the same lookup works from ts-jest
 * (intents/*.ts) and from dist/intents/*.js.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'intents', 'data'))) {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`complaint-desk: cannot find the package root above ${__dirname}`);
    dir = parent;
  }
}

export function dataPath(...parts: string[]): string {
  return path.join(packageRoot(), 'intents', 'data', ...parts);
}

export const BUILTIN_MODEL_RELATIVE = path.join('intents', 'model', 'builtin.json');

export function builtinModelPath(): string {
  return path.join(packageRoot(), BUILTIN_MODEL_RELATIVE);
}
