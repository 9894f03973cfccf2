import { EXPORT_ALLOW_LIST, isExportedEventType } from './export-allow-list';
import { Pseudonymizer } from './pseudonym';

/** The part of a stored event the export reads (the event store's RecordedEvent fits it). */
export interface ExportableEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: { tenantId: string };
  createdAt: Date;
}

/**
 * One exported event, in the shape of a Segment `track` call so that the HTTP batch sink takes
 * it as it is; the JetStream sink publishes the same JSON. `messageId` is the event id: the
 * sink's dedupe key (JetStream's Nats-Msg-Id, Segment's messageId).
 */
export interface AnalyticsMessage {
  type: 'track';
  messageId: string;
  event: string;
  /** The pseudonym of the voter the event is about; absent for contest events. */
  userId?: string;
  /** Segment needs userId or anonymousId: contest events are attributed to their tenant. */
  anonymousId?: string;
  timestamp: string;
  properties: Record<string, unknown> & { tenantId: string };
  context: { tenantId: string; library: { name: 'tally-analytics'; version: '1' } };
}

/** Null for an event type the export does not take (nothing about it leaves Tally). */
export function toAnalyticsMessage(event: ExportableEvent, pseudonyms: Pseudonymizer): AnalyticsMessage | null {
  if (!isExportedEventType(event.type)) return null;
  const fields = EXPORT_ALLOW_LIST[event.type];
  const data = (event.data ?? {}) as Record<string, unknown>;
  const tenantId = event.metadata.tenantId;
  const properties: Record<string, unknown> & { tenantId: string } = { tenantId };
  for (const field of fields.copy) if (data[field] !== undefined) properties[field] = data[field];
  let userId: string | undefined;
  for (const field of fields.pseudonymize) {
    const value = data[field];
    if (typeof value !== 'string') continue;
    const pseudonym = pseudonyms.pseudonym(tenantId, value);
    properties[field] = pseudonym;
    userId ??= pseudonym;
  }
  return {
    type: 'track',
    messageId: event.id,
    event: event.type,
    ...(userId ? { userId } : { anonymousId: `tenant-${tenantId}` }),
    timestamp: event.createdAt.toISOString(),
    properties,
    context: { tenantId, library: { name: 'tally-analytics', version: '1' } },
  };
}
