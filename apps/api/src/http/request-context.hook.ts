import { randomUUID } from 'node:crypto';
import { RequestContext, WithRequestContext } from '@tally/platform';
import { TenancyError, TenantDirectory } from '@tally/tenancy';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemFilter } from './problem.filter';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
/** Longer than any tenant slug (40) or id (36). */
const MAX_TENANT_ECHO = 64;

export interface RequestContextOptions {
  /** Tenant slug used when a request names none (the embedded mode uses `demo`). */
  defaultTenant: string | null;
}

/**
 * Runs before routing and guards: gives each request its id, client IP and tenant. The tenant
 * comes from X-Tenant-Id (slug or id), else the host name a tenant registered, else the
 * default. A named but unknown tenant is answered 404 here, before any handler runs.
 */
export function registerRequestContext(fastify: FastifyInstance, directory: TenantDirectory, problems: ProblemFilter, options: RequestContextOptions): void {
  fastify.addHook('onRequest', async (request: FastifyRequest & WithRequestContext, reply: FastifyReply) => {
    // Fastify took X-Request-Id when given; a malformed one is replaced rather than echoed.
    const requestId = REQUEST_ID.test(request.id) ? request.id : randomUUID();
    const context: RequestContext = { requestId, clientIp: request.ip ?? null };
    request.tallyContext = context;
    void reply.header('X-Request-Id', requestId);

    const named = request.headers['x-tenant-id'];
    const host = request.hostname?.split(':')[0]?.toLowerCase();
    try {
      if (typeof named === 'string' && named.length > 0) {
        context.tenant = (await directory.resolve(named.trim())) ?? undefined;
        // A header may be kilobytes long: the problem repeats no more of it than a tenant name can be.
        const shown = named.slice(0, MAX_TENANT_ECHO);
        if (!context.tenant) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `Unknown tenant "${shown}"`, { tenant: shown });
      } else if (host && !LOOPBACK_HOSTS.has(host) && (context.tenant = (await directory.findByHost(host)) ?? undefined)) {
        // Resolved by host name.
      } else if (options.defaultTenant) {
        context.tenant = (await directory.findBySlug(options.defaultTenant)) ?? undefined;
      }
    } catch (error) {
      const problem = problems.toProblem(error, request.url);
      if (problem.status === 503) void reply.header('Retry-After', '2');
      return reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
    }
    return undefined;
  });
}
