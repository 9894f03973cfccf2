import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AccessLogRecorder, registerAccessLog } from '@tally/audit';
import { registerHttpMetrics, TallyMetrics } from '@tally/observability';
import { BEARER_SCHEME, documentWritePositions, loadPlatformConfig, TENANT_SCHEME } from '@tally/platform';
import { documentRateLimits, parseTrustProxy } from '@tally/ratelimit';
import { TenantDirectory, loadTenancyConfig, registerBrandingAssets } from '@tally/tenancy';
import { AppModule, AppOptions } from './app.module';
import { registerCdnCaching } from './http/cdn-cache.hook';
import { registerCookieAuthRefusal } from './http/cookie-auth-refusal.hook';
import { loadHttpsListenerConfig } from './http/https-listener.config';
import { FRAMEWORK_ERROR_OPTIONS } from './http/framework-errors';
import { registerLogPosition } from './http/log-position.hook';
import { registerReadRouting } from './http/read-routing.hook';
import { ProblemFilter } from './http/problem.filter';
import { registerRequestContext } from './http/request-context.hook';
import { registerRequestLog } from './http/request-log.hook';
import { registerRequestScope } from './http/request-scope.hook';
import { TallyValidationPipe } from './http/tally-validation.pipe';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  // TLS_CERT_FILE + TLS_KEY_FILE: an HTTPS listener; without them plain HTTP (docs/security.md).
  const https = loadHttpsListenerConfig(options.env);
  const adapter = new FastifyAdapter({
    ...(https ? { https } : {}),
    // X-Forwarded-For only from the proxies TRUST_PROXY names (addresses, CIDRs or a hop count; libs/ratelimit README).
    trustProxy: parseTrustProxy(options.env.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    // One id per request, shared by logs, the X-Request-Id response header and event metadata.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // A parameter longer than this (no id of Tally comes close) is 414 before routing.
    routerOptions: { maxParamLength: 100 },
    ...FRAMEWORK_ERROR_OPTIONS,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    // Nest's own start-up lines go through pino (and its level) once the logger is in place.
    bufferLogs: true,
    rawBody: true,
    // Start-up failures are thrown to the caller (main prints one line; tests see the error),
    // without Nest also printing them with their stack and the buffered lines before them.
    abortOnError: false,
    autoFlushLogs: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();

  const problems = app.get(ProblemFilter);
  app.useGlobalFilters(problems);
  app.useGlobalPipes(new TallyValidationPipe());

  await app.register(helmet, { contentSecurityPolicy: false, hsts: { maxAge: 31536000, includeSubDomains: true } });
  // Before compress: its onRoute hook then sees which routes opt out (cdn-cache.hook.ts).
  registerCdnCaching(app.getHttpAdapter().getInstance());
  await app.register(compress, { threshold: 1024 });

  const fastify = app.getHttpAdapter().getInstance();
  registerHttpMetrics(fastify, app.get(TallyMetrics));
  // CSRF: no state change on the strength of a cookie (docs/security.md).
  registerCookieAuthRefusal(fastify, problems);
  const tenancy = loadTenancyConfig(options.env);
  registerRequestContext(fastify, app.get(TenantDirectory), problems, { defaultTenant: tenancy.defaultTenant });
  // After the request context: serving an asset checks it belongs to the request's tenant (docs/cdn.md).
  await registerBrandingAssets(fastify, { dataDir: loadPlatformConfig(options.env).dataDir, maxBytes: tenancy.brandingLogoMaxBytes });
  registerRequestScope(fastify, app.get(EntityManager));
  if (loadPlatformConfig(options.env).databaseReplicaUrls.length > 0) registerReadRouting(fastify);
  registerLogPosition(fastify);
  // The root logger, with the level and redaction the logger module configured.
  registerRequestLog(fastify, () => PinoLogger.root);
  // access_logs: one line per request into a buffer, written in batches (libs/audit).
  registerAccessLog(fastify, app.get(AccessLogRecorder));

  const config = new DocumentBuilder()
    .setTitle('Tally API')
    .setDescription(
      'Paid voting with an honest, verifiable tally. Errors are application/problem+json (RFC 9457).\n\n' +
        'Read your writes: a write answers with `Tally-Position: 00000000000000000812:0000000000000004711`; a read sent with the same header ' +
        '(or `?position=00000000000000000812:0000000000000004711`) answers once its read models include that write, or 503 `read-model-behind` with Retry-After.\n\n' +
        'With no position, these still show your own write at once (read from its stream): GET /api/votes/{voteId} (your vote), the first page of ' +
        'GET /api/votes/user/{yourUserId} and of GET /api/votes/ledger, the first page of GET /api/payments/history (your payments), ' +
        'GET /api/payments/{paymentId}, GET /api/events/{eventId}, GET /api/users/me and GET /api/users/{userId}. The leaderboard, later pages and ' +
        "staff listings of others' data need the position.\n\n" +
        'After paying: GET /api/payments/{paymentId} waits (bounded) until the votes bought are on your balance, answers `creditsApplied: true` ' +
        'and a Tally-Position past the grant (e.g. `GET /api/votes/ledger?position=…` then shows it); POST /api/votes can spend them at once.',
    )
    .setVersion('0.1.0')
    // Scheme names are BEARER_SCHEME and TENANT_SCHEME; operations name them through the
    // access decorators (@Public, @Roles) and ApiTenantAuth, never by hand.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken from POST /api/auth/login; bound to its tenant.' }, BEARER_SCHEME)
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Tenant-Id',
        description: 'Tenant slug or id. May be left out when the host name is mapped to a tenant or the server has a default tenant (embedded mode: demo).',
      },
      TENANT_SCHEME,
    )
    .build();
  // Built on the first request for the document, not at start: scanning every route's metadata
  // is most of an API process's start-up CPU (about 2 s here), paid by every process and every
  // test app while only a reader of /api/docs needs it. Every write answers with Tally-Position
  // (registerLogPosition) and the rate-limit guard adds its headers and 429: both documented once
  // on the whole document.
  const buildDocument = () => documentRateLimits(documentWritePositions(SwaggerModule.createDocument(app, config)));
  SwaggerModule.setup('api/docs', app, buildDocument, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  if (tenancy.createDemoTenant) await app.get(TenantDirectory).ensureDemoTenant();
  return app;
}
