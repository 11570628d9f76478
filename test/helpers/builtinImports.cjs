/**
 * A jest transform for the embedded PostgreSQL's CommonJS build (PGlite), which loads Node's
 * own modules with `import("fs")` and the like. Jest's CommonJS runtime refuses dynamic
 * import without an experimental Node flag, so each such import of a built-in module becomes
 * the same module through require. Nothing else in the file changes.
 */
const { builtinModules } = require('node:module');

const BUILTIN = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

module.exports = {
  process(source) {
    const code = source.replace(/\bimport\(("([^"]+)")\)/g, (whole, literal, name) =>
      BUILTIN.has(name) ? `Promise.resolve(__builtinRequire(${literal}))` : whole,
    );
    // Its own name: the WebAssembly glue declares a local `var require` that would shadow it.
    return { code: `const __builtinRequire = require;${code}` };
  },
  getCacheKey(source, path) {
    return require('node:crypto').createHash('sha1').update('builtinImports-2').update(path).update(source).digest('hex');
  },
};
