import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { DISPUTE_EVENT_TYPES, DisputeEvent } from '../../domain/dispute.events';

/**
 * `disputes` from the `dispute-` streams: one row per case, moved along its workflow. Cases
 * are few (a handful per thousand payments), so each event is one statement; every statement is
 * keyed by the case and idempotent, and a rebuild gives the same rows.
 */
@RegisteredProjection()
export class DisputeCasesProjection implements Projection {
  readonly name = 'disputes.cases';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['dispute-'], eventTypes: DISPUTE_EVENT_TYPES };
  readonly tables = ['disputes'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as DisputeEvent;
      const actor = recorded.metadata.actorId;
      const position = recorded.position;
      switch (event.type) {
        case 'DisputeCaseOpened': {
          const d = event.data;
          await em.execute(
            `insert into disputes (dispute_id, tenant_id, kind, user_id, vote_id, payment_id, provider_dispute_id, reason, status, opened_by, opened_by_user, opened_at, updated_position)
             values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?) on conflict (dispute_id) do nothing`,
            [d.caseId, recorded.metadata.tenantId, d.kind, d.userId, d.voteId, d.paymentId, d.providerDisputeId, d.reason, d.openedBy, actor, d.at, position],
          );
          break;
        }
        case 'DisputeCaseInvestigated':
          await em.execute(`update disputes set status = 'investigating', investigated_at = ?, investigated_by = ?, updated_position = ? where dispute_id = ?`, [event.data.at, actor, position, event.data.caseId]);
          break;
        case 'DisputeCaseResolved':
          await em.execute(`update disputes set status = 'resolved', resolution = ?, effect = ?::jsonb, closed_at = ?, closed_by = ?, updated_position = ? where dispute_id = ?`, [
            event.data.resolution,
            JSON.stringify(event.data.effect),
            event.data.at,
            actor,
            position,
            event.data.caseId,
          ]);
          break;
        case 'DisputeCaseWithdrawn':
          await em.execute(`update disputes set status = 'withdrawn', closed_at = ?, closed_by = ?, updated_position = ? where dispute_id = ?`, [event.data.at, actor, position, event.data.caseId]);
          break;
        default: {
          const unknown: never = event;
          throw new Error(`Unexpected dispute event ${String((unknown as { type: string }).type)}`);
        }
      }
    }
  }
}
