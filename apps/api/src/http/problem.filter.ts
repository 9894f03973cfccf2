import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import { OutcomeMetrics } from '@tally/observability';
import { EventStoreUnavailableError, StreamConditionFailedError, StreamDeletedError, WrongExpectedVersionError } from '@tally/eventstore';
import { DomainError, FieldProblem, Problem, PROBLEM_CONTENT_TYPE, ProblemCatalog, problemType, WithRequestContext } from '@tally/platform';
import { FastifyReply, FastifyRequest } from 'fastify';
import { INPUT_PROBLEMS, ValidationFailed } from './validation-failed';

/** Seconds a client should wait before retrying while a store is down. */
const RETRY_AFTER_SECONDS = 2;

const GENERIC: Record<number, { slug: string; title: string }> = {
  400: { slug: 'bad-request', title: 'Bad request' },
  401: { slug: 'unauthorized', title: 'Authentication required' },
  403: { slug: 'forbidden', title: 'Not allowed' },
  404: { slug: 'not-found', title: 'Not found' },
  405: { slug: 'method-not-allowed', title: 'Method not allowed' },
  409: { slug: 'conflict', title: 'Conflict' },
  413: { slug: 'payload-too-large', title: 'Payload too large' },
  415: { slug: 'unsupported-media-type', title: 'Unsupported media type' },
  422: { slug: 'unprocessable', title: 'Unprocessable request' },
  429: { slug: 'rate-limited', title: 'Too many requests' },
  500: { slug: 'internal', title: 'Internal error' },
  503: { slug: 'unavailable', title: 'Service unavailable' },
};

/**
 * Every error leaves as application/problem+json (RFC 9457). Domain errors map through each
 * context's ProblemCatalog entries; a store being down is 503 with Retry-After; anything
 * unexpected is a 500 whose details stay in the log, never in the response.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  /** Refused votes by reason and error tracking by kind (absent in a test that builds the filter alone). */
  constructor(@Optional() private readonly outcomes?: OutcomeMetrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest & WithRequestContext>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request.url);
    this.outcomes?.problem({
      route: request.routeOptions?.url ?? 'unmatched',
      method: request.method,
      status: problem.status,
      code: typeof problem.code === 'string' ? problem.code : problem.type.slice(problem.type.lastIndexOf('/') + 1),
      storeUnavailable: problem.type.endsWith('/store-unavailable'),
      tenantId: request.tallyContext?.tenant?.id,
      userId: request.tallyContext?.actor?.userId,
      requestId: request.tallyContext?.requestId,
      error: exception,
    });
    // With observability in place the error tracker writes this error's one log line (with its kind).
    if (problem.status >= 500 && problem.status !== 503 && !this.outcomes) {
      this.logger.error({ err: exception, requestId: request.tallyContext?.requestId }, 'Unhandled error');
    }
    if (problem.status === 503) void reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    const retryAfter = exception instanceof DomainError ? exception.details.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') void reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  toProblem(exception: unknown, url: string): Problem {
    const instance = bounded(url, MAX_INSTANCE);
    if (exception instanceof ValidationFailed) {
      const { status, slug, title } = INPUT_PROBLEMS[exception.location];
      return this.generic(status, instance, exception.message, exception.errors, slug, title);
    }
    if (exception instanceof DomainError) return this.domain(exception as DomainError<string>, instance);
    // Both mean "something this decision read changed meanwhile" (the stream itself, or one it
    // was conditioned on, e.g. the contest of a vote); the stream names stay in the log.
    if (exception instanceof WrongExpectedVersionError || exception instanceof StreamConditionFailedError) {
      return this.generic(409, instance, 'The resource changed concurrently; retry the request');
    }
    if (exception instanceof StreamDeletedError) return this.generic(404, instance, 'The resource was deleted');
    if (isUnavailable(exception)) return this.generic(503, instance, 'A data store is unavailable; retry shortly', undefined, 'store-unavailable');
    if (exception instanceof HttpException) return this.http(exception, instance);
    const status = httpStatusOf(exception);
    if (status && status < 500) return this.generic(status, instance, (exception as Error).message);
    return this.generic(500, instance, 'An unexpected error occurred');
  }

  private domain(error: DomainError, instance: string): Problem {
    const definition = ProblemCatalog.lookup(error.code);
    if (!definition) {
      this.logger.error(`No problem definition for domain error code ${error.code}`);
      return this.generic(500, instance, 'An unexpected error occurred');
    }
    const { retryAfterSeconds: _omit, ...extensions } = error.details;
    return { ...extensions, type: problemType(definition.slug), title: definition.title, status: definition.status, detail: error.message, instance, code: error.code };
  }

  private http(exception: HttpException, instance: string): Problem {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message: unknown = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
    const detail = Array.isArray(message) ? message.map(String).join('; ') : typeof message === 'string' ? message : exception.message;
    return this.generic(status, instance, detail);
  }

  private generic(status: number, instance: string, detail: string, errors?: FieldProblem[], slug?: string, title?: string): Problem {
    const known = GENERIC[status] ?? (status >= 500 ? GENERIC[500] : GENERIC[400]);
    const problem: Problem = { type: problemType(slug ?? known.slug), title: title ?? known.title, status, detail: bounded(detail, MAX_DETAIL), instance };
    if (errors) problem.errors = errors;
    return problem;
  }
}

/** The most of a URL (instance) and of a detail a problem repeats: a 5,000-character path must not come back whole. */
const MAX_INSTANCE = 256;
const MAX_DETAIL = 500;

function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry statusCode. */
function httpStatusOf(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** The database or Redis is down or restarting: a retryable 503, not a 500. */
export function isUnavailable(exception: unknown): boolean {
  if (exception instanceof EventStoreUnavailableError) return true;
  if (!(exception instanceof Error)) return false;
  const code = (exception as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = exception.message;
  return (
    /Connection terminated|connection is closed|Connection is closed|the database system is (starting up|shutting down)|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect|MaxRetriesPerRequestError|Stream isn't writeable/i.test(message) ||
    exception.name === 'MaxRetriesPerRequestError' ||
    (exception.cause !== undefined && isUnavailable(exception.cause))
  );
}
