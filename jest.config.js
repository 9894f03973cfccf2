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
};
