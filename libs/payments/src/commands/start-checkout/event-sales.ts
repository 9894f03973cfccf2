import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ContestView, GetContestQuery, VotingError } from '@tally/voting';
import { assertEventSellsVotes } from './start-checkout.decide';
import { PaymentsError } from '../../payments.errors';

/**
 * What voting says about the event a checkout names, through voting's own query (the contest
 * stream, so an event created or closed a moment ago is seen as it is now).
 */
@Injectable()
export class EventSales {
  constructor(private readonly queries: QueryBus) {}

  /** The event's id as voting knows it, when it still sells votes; a problem naming `eventId` otherwise. */
  async sellingEvent(tenantId: string, eventId: string, now: Date): Promise<string> {
    const contest = await this.find(tenantId, eventId);
    assertEventSellsVotes(contest, eventId, now);
    return contest!.eventId;
  }

  /** The event's id as voting knows it, whatever its status (price lists may be set for any). */
  async existingEvent(tenantId: string, eventId: string): Promise<string> {
    const contest = await this.find(tenantId, eventId);
    if (!contest) throw new PaymentsError('PAYMENTS.EVENT_NOT_FOUND', `No event ${eventId} in this tenant`, { field: 'eventId', eventId });
    return contest.eventId;
  }

  private async find(tenantId: string, eventId: string): Promise<ContestView | null> {
    try {
      return await this.queries.execute(new GetContestQuery(tenantId, eventId));
    } catch (error) {
      if (error instanceof VotingError && error.code === 'VOTING.EVENT_NOT_FOUND') return null;
      throw error;
    }
  }
}
