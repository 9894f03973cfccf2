import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent, StreamNotFoundError } from '@tally/eventstore';
import { paymentStream } from '@tally/payments';
import { voterStream } from '@tally/voting';
import { DisputeKind } from '../domain/dispute.events';
import { DisputesError } from '../disputes.errors';

export interface DisputeSubject {
  kind: DisputeKind;
  voteId: string | null;
  paymentId: string | null;
  /** The voter named by the request (the caller, for a voter); null when staff leave it to the payment. */
  userId: string | null;
}

/**
 * Whose vote or payment a case is about, from the owning streams themselves (a read model could
 * still lag behind a vote cast a moment ago): a vote is the voter's when their ledger cast it, a
 * payment is the voter's its PaymentStarted names. Anything else, or another tenant's, is 404.
 */
@Injectable()
export class DisputeSubjects {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The voter the subject belongs to. */
  async ownerOf(tenantId: string, subject: DisputeSubject): Promise<string> {
    if (subject.kind === 'vote') {
      if (!subject.userId || !subject.voteId) throw notFound();
      const voteId = subject.voteId;
      const events = await this.read(voterStream(tenantId, subject.userId));
      if (!events.some((event) => event.type === 'VoteCast' && (event.data as { voteId?: string }).voteId === voteId)) throw notFound();
      return subject.userId;
    }
    if (!subject.paymentId) throw notFound();
    const started = (await this.read(paymentStream(tenantId, subject.paymentId))).find((event) => event.type === 'PaymentStarted');
    const voterId = (started?.data as { voterId?: string } | undefined)?.voterId;
    if (!voterId || (subject.userId !== null && subject.userId !== voterId)) throw notFound();
    return voterId;
  }

  private async read(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}

const notFound = (): DisputesError => new DisputesError('DISPUTES.SUBJECT_NOT_FOUND', 'No such vote or payment of this voter in this tenant');
