/** Tests run TypeScript sources directly; the CLI and page tests use the built dist/ (npm test builds first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
    // The embedded PostgreSQL loads Node's modules by dynamic import (see the transform's comment).
    '@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/test/helpers/builtinImports.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  testTimeout: 30000,
};
