import { Params } from 'nestjs-pino';
import { PlatformConfig } from '@tally/platform';

/**
 * Paths pino must never print: credentials, tokens, secrets and personal data (DESIGN.md:
 * PII is redacted). Bodies are not logged at all; these cover headers and anything a
 * handler logs by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'req.headers["x-paystack-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.code',
  '*.otp',
  '*.email',
  '*.phone',
  '*.secret',
  '*.apiKey',
  '*.clientSecret',
];

export function loggerParams(config: PlatformConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    // No Nest middleware: per-request logging and the logging context are Fastify hooks
    // (request-log.hook.ts, request-scope.hook.ts), which cost far less per request than
    // pino-http's child logger with the whole request serialised and redacted.
    forRoutes: [],
  };
}
