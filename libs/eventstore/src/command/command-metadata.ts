import { CommandMetadata, commandMetadata } from '@tally/platform';
import { EventMetadata } from '../event-store.port';

// The type and its builder live in the platform (the HTTP layer builds them for every context);
// re-exported here because commands are this library's concept and most callers import them here.
export type { CommandMetadata };
export { commandMetadata };

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
