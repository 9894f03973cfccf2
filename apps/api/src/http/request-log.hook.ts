import { WithRequestContext } from '@tally/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';

/**
 * One line per completed request: info for 1xx–3xx, warn for 4xx, error for 5xx, written only
 * when that level is on — at the production level (warn) a successful vote costs no logging
 * work at all. Bodies and headers are never logged (tokens, signatures, personal data).
 */
export function registerRequestLog(fastify: FastifyInstance, logger: () => Logger): void {
  fastify.addHook('onResponse', (request: FastifyRequest & WithRequestContext, reply: FastifyReply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    const root = logger();
    if (root.isLevelEnabled(level)) {
      root[level](
        {
          reqId: request.tallyContext?.requestId ?? request.id,
          // Flat fields: pino-http's serializers for `req` and `res` expect Node's raw objects.
          method: request.method,
          url: request.url,
          statusCode: status,
          responseTime: Math.round(reply.elapsedTime),
          tenant: request.tallyContext?.tenant?.slug,
        },
        'request completed',
      );
    }
    done();
  });
}
