// Jest runs TypeScript and the ESM-only packages (NestJS 12 and friends) through swc;
// see ../shared/STACK.md pitfalls 2 and 3 for why both transforms are needed.
const swcTs = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.ts$': swcTs, '^.+\\.[mc]?js$': swcJs },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|@electric-sql)/)',
  ],
  moduleNameMapper: { '^@tally/(.*)$': '<rootDir>/libs/$1/src' },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 60000,
  // A worker's heap grows by 40–60 MB with every e2e file it runs (each file loads the whole app
  // in a fresh module registry, and what keeps the old registries alive outlives the file); past
  // ~100 files a worker spent most of its time collecting garbage: fraud-scoring took 251 s at the
  // end of a full run against 27 s alone. A worker whose heap is above this after a file is
  // replaced by a fresh one before the next.
  workerIdleMemoryLimit: '512MB',
};
