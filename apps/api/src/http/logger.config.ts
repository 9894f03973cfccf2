import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
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

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function loggerParams(config: PlatformConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const header = req.headers['x-request-id'];
        return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
    // STACK.md pitfall 5: on Fastify the default route pattern logs nothing.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
  };
}
