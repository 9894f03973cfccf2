// Architecture boundaries (STYLE.md rule 8), checked by `npm run lint:boundaries` in CI.
// docs/architecture.md "Boundaries" says why each rule exists and how to read a violation.
const FRAMEWORKS = [
  '@nestjs', '@mikro-orm', 'fastify', '@fastify', 'ioredis', 'pg', 'pg-pool', 'pg-protocol', 'stripe', '@eventstore', '@kurrent',
  'bullmq', 'pino', 'pino-http', 'nestjs-pino', 'class-validator', 'class-transformer', '@electric-sql', 'prom-client',
  'passport', 'passport-jwt', 'rxjs', 'reflect-metadata', '@swc', 'nodemailer', 'twilio', 'web-push', 'nats',
];
const FRAMEWORK_PATH = `(^|/)node_modules/(${FRAMEWORKS.join('|')})(/|$)`;
const SPEC = '\\.(int-|e2e-)?spec\\.ts$';
const INDEX = '^libs/[^/]+/src/index\\.ts$';
const TEST_KIT = '^libs/[^/]+/src/.*testing/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'context-only-through-index',
      comment: 'A context imports another only through its index.ts (@tally/<context>), never a file inside it.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', pathNot: SPEC },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/src/', INDEX] },
    },
    {
      name: 'app-only-through-index',
      comment: 'An app uses a context only through its index.ts (@tally/<context>).',
      severity: 'error',
      from: { path: '^apps/', pathNot: SPEC },
      to: { path: '^libs/[^/]+/src/', pathNot: INDEX },
    },
    {
      name: 'tests-through-index-or-test-kit',
      comment: "A test may also use another context's test kit (a testing/ folder), still nothing else inside it.",
      severity: 'error',
      from: { path: ['^libs/([^/]+)/src/.*' + SPEC, '^apps/.*' + SPEC] },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/src/', INDEX, TEST_KIT] },
    },
    {
      name: 'domain-without-framework',
      comment: 'domain/ and *.decide.ts hold the business rules: no Nest, ORM, HTTP server, Redis, PostgreSQL driver or provider SDK.',
      severity: 'error',
      from: { path: ['^libs/[^/]+/src/domain/', '^libs/[^/]+/src/.*/domain/', '\\.decide\\.ts$'] },
      to: { path: FRAMEWORK_PATH },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: a cycle between contexts hides a missing boundary (and forwardRef only hides it further).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'apps-not-into-each-other',
      comment: "An app does not import another app's src; what they share lives in a library.",
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/[^/]+/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-into-apps',
      comment: 'Libraries never import an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['main', 'types'] },
  },
};
