import { WithRequestContext } from '@tally/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogRecorder } from './access-log.recorder';

/** One access_logs line per answered request (health and metrics probes excepted), pushed to the recorder's buffer. */
export function registerAccessLog(fastify: FastifyInstance, recorder: AccessLogRecorder): void {
  if (!recorder.config.accessLogEnabled) return;
  fastify.addHook('onResponse', (request: FastifyRequest & WithRequestContext, reply: FastifyReply, done) => {
    const endpoint = request.routeOptions.url;
    if (endpoint !== undefined && !endpoint.startsWith('/health') && endpoint !== '/metrics') {
      const context = request.tallyContext;
      recorder.record({
        tenantId: context?.tenant?.id ?? null,
        userId: context?.actor?.userId ?? null,
        endpoint,
        method: request.method,
        status: reply.statusCode,
        ip: context?.clientIp ?? null,
        at: Date.now(),
      });
    }
    done();
  });
}
