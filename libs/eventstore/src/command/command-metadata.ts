import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../event-store.port';

/**
 * Who issued a command, for which tenant, and in answer to what. Every command carries one and
 * cannot be built without it (STYLE rule 12); its fields become the metadata of the events the
 * command appends.
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

/** Metadata for a command issued by the system itself in reaction to an event (a job, a reactor). */
export function metadataCausedBy(event: { id: string; metadata: EventMetadata }, actorId: string | null = null): CommandMetadata {
  return commandMetadata({
    tenantId: event.metadata.tenantId,
    actorId,
    clientIp: null,
    correlationId: event.metadata.correlationId,
    causationId: event.id,
  });
}

export function eventMetadataOf(command: CommandMetadata): EventMetadata {
  return {
    tenantId: command.tenantId,
    actorId: command.actorId,
    clientIp: command.clientIp,
    correlationId: command.correlationId,
    causationId: command.causationId,
  };
}
