import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DisputeCasesReader } from '@tally/disputes';
import { EVENT_STORE, EventStore, RecordedEvent, StreamNotFoundError } from '@tally/eventstore';
import { GetUserQuery, userStream } from '@tally/identity';
import { paymentStream } from '@tally/payments';
import { PG_POOL } from '@tally/platform';
import { subscriberStream, subscriptionStream } from '@tally/subscriptions';
import { VoteStatsReader, voterStream } from '@tally/voting';
import { Pool } from 'pg';
import { actorFor, SubjectExport } from './subject-export';

type Data = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * Gathers a subject's data: the profile through identity's own query (it opens the envelopes
 * with the subject's key, so an erased subject shows nulls), sessions, credits, payments and
 * subscriptions from their streams (the record itself, never behind), votes from voting's vote
 * log, disputes from the disputes context, and the audit trail about them.
 */
@Injectable()
export class SubjectDataGatherer {
  constructor(
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly votes: VoteStatsReader,
    private readonly disputes: DisputeCasesReader,
  ) {}

  async gather(tenantId: string, userId: string): Promise<Omit<SubjectExport, 'subject'>> {
    const profile = await this.queries.execute(new GetUserQuery(tenantId, userId));
    const [user, voter, subscriber] = await Promise.all([this.read(userStream(tenantId, userId)), this.read(voterStream(tenantId, userId)), this.read(subscriberStream(tenantId, userId))]);
    const registered = user.find((event) => event.type === 'UserRegistered');
    return {
      profile: { email: profile.email, phone: profile.phone, phoneVerified: profile.phoneVerified, phoneType: profile.phoneType, roles: [...profile.roles], status: profile.status, registeredAt: text(data(registered).registeredAt) },
      sessions: sessionsOf(user),
      votes: await this.allVotes(tenantId, userId),
      credits: creditsOf(voter),
      payments: await this.payments(tenantId, userId, voter),
      subscriptions: await this.subscriptions(tenantId, subscriber),
      disputes: (await this.disputes.ofUser(tenantId, userId)).map((c) => ({
        caseId: c.caseId, kind: c.kind, voteId: c.voteId, paymentId: c.paymentId, reason: c.reason, status: c.status, resolution: c.resolution, effect: c.effect, openedBy: c.openedBy, openedAt: c.openedAt, closedAt: c.closedAt,
      })),
      auditEntries: await this.auditEntries(tenantId, userId),
    };
  }

  private async allVotes(tenantId: string, userId: string): Promise<SubjectExport['votes']> {
    const votes: SubjectExport['votes'] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await this.votes.auditLog(tenantId, { userId, cursor, limit: 500 });
      for (const v of page.items) votes.push({ voteId: v.voteId, eventId: v.contestId, contestantId: v.contestantId, amount: v.amount, paidAmount: v.paidAmount, freeAmount: v.freeAmount, channel: v.channel, status: v.status, castAt: v.createdAt, undoneAt: v.undoneAt });
      if (!page.nextCursor) return votes;
      cursor = page.nextCursor;
    }
  }

  /**
   * The subject's payments: those whose PaymentStarted they made (the audit trail's actor) and
   * those that granted them credits (their ledger), each confirmed by its own stream's voter.
   */
  private async payments(tenantId: string, userId: string, voter: RecordedEvent[]): Promise<SubjectExport['payments']> {
    const { rows } = await this.pool.query<{ resource: string }>(`select resource from audit_logs where tenant_id = $1 and action = 'PaymentStarted' and user_id = $2`, [tenantId, userId]);
    const started = rows.map((row) => row.resource.slice(row.resource.indexOf('.') + 1));
    const granted = voter.flatMap((event) => {
      const source = data(event).source as Data | undefined;
      return event.type === 'CreditsGranted' && source?.kind === 'payment' && typeof source.ref === 'string' ? [source.ref] : [];
    });
    const payments: SubjectExport['payments'] = [];
    for (const paymentId of [...new Set([...started, ...granted])].sort()) {
      const events = await this.read(paymentStream(tenantId, paymentId));
      const first = data(events.find((event) => event.type === 'PaymentStarted'));
      if (first.voterId !== userId) continue;
      payments.push({
        paymentId,
        amount: first.amount ?? null,
        votes: num(first.votes),
        provider: text(first.provider),
        startedAt: text(first.at),
        history: events.map((event) => ({ type: event.type, at: event.createdAt.toISOString() })),
      });
    }
    return payments;
  }

  /** The subscriber stream and every subscription it names, event by event. */
  private async subscriptions(tenantId: string, subscriber: RecordedEvent[]): Promise<SubjectExport['subscriptions']> {
    const ids = [...new Set(subscriber.map((event) => text(data(event).subscriptionId)).filter((id): id is string => id !== null))];
    const streams = [subscriber, ...(await Promise.all(ids.map((id) => this.read(subscriptionStream(tenantId, id)))))];
    return streams.flat().map((event) => ({ stream: event.streamId, type: event.type, at: event.createdAt.toISOString(), data: event.data }));
  }

  /** Their own acts, and acts on their account, ledger, subscriptions and GDPR requests; other actors are `staff`. */
  private async auditEntries(tenantId: string, userId: string): Promise<SubjectExport['auditEntries']> {
    const own = ['user', 'voter', 'subscriber', 'gdpr'].map((category) => `${category}-${tenantId}.${userId}`);
    const { rows } = await this.pool.query<{ action: string; resource: string; timestamp: Date; user_id: string | null; ip_network: string | null; changes: unknown }>(
      `select action, resource, timestamp, user_id, ip_network, changes from audit_logs where tenant_id = $1 and (user_id = $2 or resource = any($3)) order by position`,
      [tenantId, userId, own],
    );
    return rows.map((row) => {
      const actor = actorFor(row.user_id, userId);
      return { action: row.action, resource: row.resource, timestamp: row.timestamp.toISOString(), actor, ipNetwork: actor === 'you' ? row.ip_network : null, changes: row.changes };
    });
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

const data = (event: RecordedEvent | undefined): Data => (event && typeof event.data === 'object' && event.data !== null ? (event.data as Data) : {});

function sessionsOf(user: RecordedEvent[]): SubjectExport['sessions'] {
  const sessions = new Map<string, SubjectExport['sessions'][number]>();
  for (const event of user) {
    const d = data(event);
    const sessionId = text(d.sessionId);
    if (!sessionId) continue;
    if (event.type === 'SessionStarted') {
      sessions.set(sessionId, { sessionId, method: text(d.method) ?? 'unknown', startedAt: text(d.startedAt) ?? event.createdAt.toISOString(), expiresAt: text(d.expiresAt) ?? '', endedAt: null, endReason: null });
    } else if (event.type === 'SessionRefreshed') {
      const session = sessions.get(sessionId);
      if (session) session.expiresAt = text(d.expiresAt) ?? session.expiresAt;
    } else if (event.type === 'SessionRevoked') {
      const session = sessions.get(sessionId);
      if (session) Object.assign(session, { endedAt: text(d.at), endReason: text(d.reason) });
    }
  }
  return [...sessions.values()];
}

function creditsOf(voter: RecordedEvent[]): SubjectExport['credits'] {
  return voter.flatMap((event): SubjectExport['credits'] => {
    const d = data(event);
    if (event.type === 'CreditsGranted') return [{ type: 'granted', credits: num(d.credits) ?? 0, cause: text((d.source as Data | undefined)?.kind) ?? 'unknown', at: text(d.at) ?? '' }];
    if (event.type === 'CreditsRevoked') return [{ type: 'revoked', credits: num(d.credits) ?? 0, cause: text(d.reason) ?? 'unknown', at: text(d.at) ?? '' }];
    return [];
  });
}
