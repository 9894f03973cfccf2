import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** `moderator`: reviews its tenant's moderation queue (contestant names, bios, media) and nothing else. */
export type Role = 'voter' | 'judge' | 'organizer' | 'auditor' | 'moderator' | 'platform_admin';

export interface Actor {
  userId: string;
  roles: readonly Role[];
  sessionId: string;
}

export interface ResolvedTenant {
  /** The tenant's id (UUID, or the fixed id of the embedded `demo` tenant). */
  id: string;
  slug: string;
}

/**
 * What Tally knows about the caller of one request. The tenancy guard sets `tenant`, the auth
 * guard sets `actor`; controllers read it with @RequestCtx() and turn it into command metadata.
 */
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  tenant?: ResolvedTenant;
  actor?: Actor;
}

/** The raw request carries the context under this key (Fastify request object). */
export interface WithRequestContext {
  tallyContext?: RequestContext;
}

export const RequestCtx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  const request = host.switchToHttp().getRequest<WithRequestContext>();
  if (!request.tallyContext) throw new Error('Request context missing: is the RequestContextHook registered?');
  return request.tallyContext;
});
