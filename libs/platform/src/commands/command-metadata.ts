import { randomUUID } from 'node:crypto';

/**
 * Who issued a command, for which tenant, and in answer to what. Every command carries one and
 * cannot be built without it (STYLE rule 12); its fields become the metadata of the events the
 * command appends. It lives in the platform, below the event store, so the HTTP layer can build
 * it once for every context (@RequestMetadata()).
 */
export interface CommandMetadata {
  readonly tenantId: string;
  readonly actorId: string | null;
  readonly clientIp: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export function commandMetadata(fields: {
  tenantId: string;
  actorId: string | null;
  clientIp: string | null;
  correlationId?: string;
  causationId?: string | null;
}): CommandMetadata {
  if (!fields.tenantId) throw new Error('A command needs a tenant');
  return Object.freeze({
    tenantId: fields.tenantId,
    actorId: fields.actorId,
    clientIp: fields.clientIp,
    correlationId: fields.correlationId ?? randomUUID(),
    causationId: fields.causationId ?? null,
  });
}
