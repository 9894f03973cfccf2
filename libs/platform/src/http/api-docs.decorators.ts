import { applyDecorators } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ApiExtraModels, ApiHeader, ApiQuery, ApiSecurity, DECORATORS, getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { IS_PUBLIC } from './access.metadata';
import { POSITION_EXAMPLE, POSITION_HEADER, POSITION_PATTERN, POSITION_QUERY } from './log-position';
import { FieldProblemResponse, ProblemResponse } from './problem.response.dto';

/** The error statuses Tally answers with a problem (see docs/API.md "Errors"). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/** Security scheme names, declared once in the DocumentBuilder of apps/api/src/create-app.ts. */
export const BEARER_SCHEME = 'bearer';
export const TENANT_SCHEME = 'tenant';

const GENERIC: Record<ProblemStatus, string> = {
  400: 'Malformed request: the body is not valid JSON or not a JSON object.',
  401: 'No access token, or one that is invalid, expired, revoked or bound to another tenant.',
  403: 'The caller is signed in but not allowed to do this.',
  404: 'Not found in this tenant (another tenant\'s resources are not found either).',
  409: 'Conflict: the resource changed concurrently, or its current state forbids this.',
  413: 'The body is larger than the server accepts.',
  422: 'Well-formed but refused: a field failed validation (listed in `errors`) or a business rule said no.',
  429: 'Too many attempts; retry after the number of seconds in Retry-After.',
  503: 'A data store is unavailable; retry after the number of seconds in Retry-After.',
};

interface ResponseEntry {
  description?: string;
  [key: string]: unknown;
}

/**
 * Declares problem+json responses. Several decorators may name the same status (the tenant's
 * 404 and the operation's own 404); their descriptions are joined once each, in any order, so
 * composed decorators never overwrite an operation's more precise wording.
 */
export function ApiProblem(status: ProblemStatus, description: string = GENERIC[status]): MethodDecorator & ClassDecorator {
  const entry: ResponseEntry = {
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponse) } } },
    ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } } } } : {}),
  };
  const models = ApiExtraModels(ProblemResponse, FieldProblemResponse);
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const holder: object = descriptor ? (descriptor.value as object) : target;
    const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, holder) as Record<string, ResponseEntry> | undefined) ?? {};
    const existing = responses[status];
    const lines = new Set([...(existing?.description?.split('\n\n') ?? []), description].filter((line) => line.length > 0));
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...responses, [status]: { ...existing, ...entry, description: [...lines].join('\n\n') } }, holder);
    if (descriptor && key !== undefined) models(target, key, descriptor);
    else models(target);
  };
}

/** Problem responses with their generic descriptions: `@ApiProblems(400, 404, 422)`. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblem(status)));
}

/** A public route that still acts within one tenant (sign-up, login, leaderboards). */
export function ApiTenant(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiSecurity(TENANT_SCHEME),
    ApiProblem(404, 'The tenant named by X-Tenant-Id does not exist.'),
    ApiProblem(503),
  );
}

/**
 * Bearer token and tenant, as the global auth guard demands of every route not marked @Public().
 * On a class it documents each route method that is not @Public() — method decorators run
 * before class decorators, so the method's own @Public() is already visible — which keeps the
 * documented security equal to what the guard enforces. Put it above a class-level @Public().
 */
export function ApiTenantAuth(): MethodDecorator & ClassDecorator {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      documentAuth(target, key as string | symbol, descriptor);
      return;
    }
    const controller = target as { prototype: object };
    if (Reflect.getMetadata(IS_PUBLIC, controller)) return;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const method = Object.getOwnPropertyDescriptor(controller.prototype, name);
      const handler: unknown = method?.value;
      if (name === 'constructor' || !method || typeof handler !== 'function') continue;
      if (!Reflect.hasMetadata(METHOD_METADATA, handler) || Reflect.getMetadata(IS_PUBLIC, handler)) continue;
      documentAuth(controller.prototype, name, method);
    }
  };
}

function documentAuth(target: object, key: string | symbol, descriptor: PropertyDescriptor): void {
  const security = (Reflect.getMetadata(DECORATORS.API_SECURITY, descriptor.value as object) as Record<string, string[]>[] | undefined) ?? [];
  // Applied at most once, whether the class and the method both ask for it.
  if (!security.some((requirement) => BEARER_SCHEME in requirement)) ApiSecurity({ [BEARER_SCHEME]: [], [TENANT_SCHEME]: [] })(target, key, descriptor);
  ApiProblem(401)(target, key, descriptor);
  ApiProblem(404, 'The tenant named by X-Tenant-Id does not exist.')(target, key, descriptor);
  ApiProblem(503)(target, key, descriptor);
}

const POSITION_SCHEMA = { type: 'string', pattern: POSITION_PATTERN.source, example: POSITION_EXAMPLE } as const;

/**
 * A read that can wait for the caller's own write (@ReadsProjections applies it): the position
 * may come as the Tally-Position header or as `?position=`, and a read model that has not
 * applied it within the bound answers 503 with Retry-After.
 */
export function ApiReadPosition(): MethodDecorator {
  const description = `A log position from the ${POSITION_HEADER} header of a write: the answer waits (a few hundred ms at most) until it includes that write.`;
  return applyDecorators(
    ApiHeader({ name: POSITION_HEADER, required: false, description, schema: { ...POSITION_SCHEMA } }),
    ApiQuery({ name: POSITION_QUERY, required: false, description: `The same as the ${POSITION_HEADER} header, for links.`, schema: { ...POSITION_SCHEMA } }),
    ApiProblem(422, `${POSITION_QUERY} or ${POSITION_HEADER} is not a position Tally handed out.`),
    ApiProblem(503, `The read model had not applied the position given within the bound (type read-model-behind); retry after Retry-After. Never a stale 404.`),
  );
}

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Documents the Tally-Position header on the success answers of every write operation. The
 * header is set in one place at run time (the HTTP layer, from the command runner's appends),
 * so it is documented in one place too, on the finished document, rather than on each route.
 */
export function documentWritePositions(document: OpenAPIObject): OpenAPIObject {
  const header = {
    description: `The event-log position this write reached, when it appended events. Send it back as ${POSITION_HEADER} (or ?${POSITION_QUERY}=) on a read to see this write.`,
    schema: { ...POSITION_SCHEMA },
  };
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>)) {
      if (!WRITE_METHODS.has(method) || !operation.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) response.headers = { ...response.headers, [POSITION_HEADER]: header };
      }
    }
  }
  return document;
}
