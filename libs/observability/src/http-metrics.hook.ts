import { FastifyInstance } from 'fastify';
import { TallyMetrics } from './metrics.registry';

/** Counts and times every request by its route pattern (not its URL, to bound cardinality). */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: TallyMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
    done();
  });
}
