import { collectWrittenPosition, WrittenPosition } from '@tally/eventstore';
import { POSITION_HEADER } from '@tally/platform';
import { FastifyInstance, FastifyRequest } from 'fastify';

interface WithWrittenPosition {
  tallyWritten?: WrittenPosition;
}

/**
 * Every write answers with the log position its appends reached (Tally-Position), set here once
 * for all routes: the command runner notes each append's position in the request's scope, and
 * the answer picks it up. A request that appended nothing (a read, a refusal, an idempotent
 * replay) gets no header, unless a read hands on a position covering what it showed (a paid
 * payment's credits, PaymentCreditsProgress). Costs one async-context scope per request and a
 * property check.
 */
export function registerLogPosition(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest & WithWrittenPosition, _reply, done) => {
    const written: WrittenPosition = { position: null };
    request.tallyWritten = written;
    collectWrittenPosition(written, done);
  });
  fastify.addHook('onSend', (request: FastifyRequest & WithWrittenPosition, reply, payload, done) => {
    const position = request.tallyWritten?.position;
    if (position) void reply.header(POSITION_HEADER, position);
    done(null, payload);
  });
}
