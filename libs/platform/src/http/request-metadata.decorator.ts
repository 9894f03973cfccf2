import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CommandMetadata, commandMetadata } from '../commands/command-metadata';
import { PlatformError } from '../errors/platform.errors';
import { RequestContext, WithRequestContext } from './request-context';

function contextOf(host: ExecutionContext): RequestContext {
  const request = host.switchToHttp().getRequest<WithRequestContext>();
  if (!request.tallyContext) throw new Error('Request context missing: is the RequestContextHook registered?');
  return request.tallyContext;
}

/** The id of the request's tenant; a request that names none is refused (400 tenant-required). */
export function tenantIdOf(context: RequestContext): string {
  if (!context.tenant) throw new PlatformError('PLATFORM.TENANT_REQUIRED', 'Name the tenant with X-Tenant-Id');
  return context.tenant.id;
}

/** The command metadata of an HTTP request: its tenant, actor, client IP, and the request id as correlation. */
export function requestMetadataOf(context: RequestContext): CommandMetadata {
  return commandMetadata({ tenantId: tenantIdOf(context), actorId: context.actor?.userId ?? null, clientIp: context.clientIp, correlationId: context.requestId });
}

/**
 * `@RequestMetadata() metadata: CommandMetadata` — what every command sent from a controller
 * carries. One decorator for every context, so the tenant rule and the correlation id are the
 * same everywhere.
 */
export const RequestMetadata = createParamDecorator((_data: unknown, host: ExecutionContext): CommandMetadata => requestMetadataOf(contextOf(host)));

/** `@TenantId() tenantId: string` — the request's tenant, for queries that need no actor. */
export const TenantId = createParamDecorator((_data: unknown, host: ExecutionContext): string => tenantIdOf(contextOf(host)));
