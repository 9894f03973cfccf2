import { PlatformError } from '@tally/platform';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemFilter } from './problem.filter';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF cannot happen while auth is bearer-only: a cross-site form or fetch cannot set an
 * Authorization header, and the browser attaches only cookies by itself. This keeps it so: a
 * state-changing request that carries a Cookie header and no bearer token is refused (403
 * cookie-auth-refused) before routing, so no route can ever come to rely on an ambient cookie
 * (docs/security.md "CSRF"). Browser clients send `credentials: 'omit'` or a bearer token.
 */
export function registerCookieAuthRefusal(fastify: FastifyInstance, problems: ProblemFilter): void {
  // A callback hook, not an async one: it runs on every request (the vote path too), and the
  // usual answer is "go on" at once, with no promise to allocate and await.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!STATE_CHANGING.has(request.method) || request.headers.cookie === undefined || /^Bearer\s+\S/i.test(request.headers.authorization ?? '')) {
      done();
      return;
    }
    const problem = problems.toProblem(
      new PlatformError('PLATFORM.COOKIE_AUTH_REFUSED', 'This request carries cookies and no bearer token; Tally authenticates with Authorization: Bearer only. Send it without cookies, or with the bearer token.', { header: 'Cookie' }),
      request.url,
    );
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  });
}
