import { runWithReadRoute } from '@tally/platform';
import { FastifyInstance } from 'fastify';

/** The header a load balancer or geo-DNS edge sets to the client's region (docs/scaling.md "Regions"). */
export const REGION_HEADER = 'x-tally-region';
const REGION = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * With read replicas (DATABASE_REPLICA_URLS), where each request's reads go (ReplicaRouter): a
 * write, or a read naming a position (Tally-Position / ?position=, read your writes), reads the
 * primary; any other read a replica of the request's region (X-Tally-Region, else REGION).
 * Registered only when replicas are configured: without them every read is the primary's anyway.
 */
export function registerReadRouting(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers[REGION_HEADER];
    const region = typeof header === 'string' && REGION.test(header) ? header : undefined;
    const reads = request.method === 'GET' || request.method === 'HEAD';
    const position = request.headers['tally-position'] !== undefined || (request.query as Record<string, unknown> | undefined)?.position !== undefined;
    runWithReadRoute({ region, primaryOnly: !reads || position }, done);
  });
}
