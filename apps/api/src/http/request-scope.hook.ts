import { EntityManager, RequestContext } from '@mikro-orm/core';
import { isWithoutEntityManager, WithRequestContext } from '@tally/platform';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
// nestjs-pino 4 (the last whose engines accept Node 20) has no runInContext: its own request
// middleware does exactly this with the store it exports here.
import { storage, Store } from 'nestjs-pino/storage';

/**
 * Gives each request its scope, as a Fastify hook rather than Nest middleware (which costs a
 * middleware runner per request): a logging context that binds the request id to every log line
 * made while serving it, and MikroORM's request-scoped entity manager unless the route is marked
 * @WithoutEntityManager(). Registered after the request-context hook, so the id is the one the
 * response carries.
 */
export function registerRequestScope(fastify: FastifyInstance, em: EntityManager): void {
  fastify.addHook('onRequest', (request: FastifyRequest & WithRequestContext, _reply, done) => {
    const reqId = request.tallyContext?.requestId ?? request.id;
    const scoped = isWithoutEntityManager(request.routeOptions.config) ? done : () => RequestContext.create(em, done);
    storage.run(new Store(PinoLogger.root.child({ reqId })), scoped);
  });
}
