import { metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import type { DisputeCaseResolved } from '../domain/dispute.events';
import { DisputeEffects } from './dispute-effects';

/**
 * The safety net of ResolveDisputeHandler: every resolution's effect is applied from the log,
 * so one whose request stopped between the append and the effect is still carried out. The
 * handler usually got there first; the effect's id makes this a no-op then.
 */
@RegisteredReactor()
export class DisputeEffectsReactor implements Reactor {
  readonly name = 'disputes.effects';
  readonly filter = { streamPrefixes: ['dispute-'], eventTypes: ['DisputeCaseResolved'] };

  constructor(private readonly effects: DisputeEffects) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const resolved = recorded.data as DisputeCaseResolved['data'];
    if (resolved.effect.type === 'none') return;
    // The staff member who resolved it stays the actor of the effect's event.
    await this.effects.apply(resolved, metadataCausedBy(recorded, recorded.metadata.actorId));
  }
}
