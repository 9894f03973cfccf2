// Type-aware lint (STYLE.md rule 10) plus the context boundaries of rule 8:
// contexts import each other only through '@tally/<context>' (their index.ts).
// Editor-time hints; the authoritative check is dependency-cruiser (.dependency-cruiser.js, npm run lint:boundaries).
const CONTEXT_BOUNDARY = [
  { group: ['@tally/*/*'], message: 'Import another context only through its index: @tally/<context>.' },
  { group: ['../../../libs/*', '../../libs/*'], message: 'Use @tally/<context>.' },
];
const FRAMEWORKS = ['@nestjs/*', '@mikro-orm/*', 'fastify', '@fastify/*', 'ioredis', 'pg', 'stripe', '@eventstore/*', 'bullmq', 'class-validator', 'class-transformer'];

module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname, sourceType: 'module' },
  plugins: ['@typescript-eslint'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended-type-checked'],
  env: { node: true, jest: true },
  ignorePatterns: ['dist', 'node_modules', 'data', '*.js'],
  rules: {
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/switch-exhaustiveness-check': 'error',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/require-await': 'off',
    '@typescript-eslint/unbound-method': 'off',
    'no-restricted-imports': ['error', { patterns: [...CONTEXT_BOUNDARY] }],
  },
  overrides: [
    {
      files: ['libs/*/src/domain/**/*.ts', 'libs/*/src/**/*.decide.ts', 'libs/*/src/**/*.state.ts'],
      rules: {
        // An override replaces the rule's options: repeat the context boundary, then add the frameworks.
        'no-restricted-imports': ['error', { patterns: [...CONTEXT_BOUNDARY, { group: FRAMEWORKS, message: 'domain/ and deciders stay framework-free (STYLE.md rule 8).' }] }],
      },
    },
    {
      files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
      rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
    },
  ],
};
