// Type-aware lint (STYLE.md rule 10) plus the context boundaries of rule 8:
// contexts import each other only through '@tally/<context>' (their index.ts).
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
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['@tally/*/*'], message: 'Import another context only through its index: @tally/<context>.' }, { group: ['../../../libs/*', '../../libs/*'], message: 'Use @tally/<context>.' }] },
    ],
  },
  overrides: [
    {
      files: ['libs/*/src/domain/**/*.ts', 'libs/*/src/**/*.decide.ts', 'libs/*/src/**/*.state.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: ['@nestjs/*', '@mikro-orm/*', 'ioredis', 'stripe', 'pg'] }],
      },
    },
    {
      files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
      rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
    },
  ],
};
