import { Injectable } from '@nestjs/common';
import { AppendObservers, EventToAppend } from '@tally/eventstore';
import { ErrorKind, ErrorTracker, TallyMetrics } from '@tally/platform';
import { Counter } from 'prom-client';

/** What a failed request tells the outcome metrics: its route pattern, the problem, and who asked. */
export interface RequestProblem {
  route: string;
  method: string;
  status: number;
  /** The domain error code (VOTING.CAP_REACHED) or the problem's slug (validation-failed, store-unavailable). */
  code: string;
  /** True when the database or Redis was unreachable (a 503 store-unavailable). */
  storeUnavailable: boolean;
  tenantId?: string | null;
  userId?: string | null;
  requestId?: string;
  error?: unknown;
}

const VOTE_ROUTE = 'POST /api/votes';

/**
 * The SPEC's outcome metrics (votes accepted/held/refused, payment success, fraud detection, OTP
 * verification, lockouts), counted from the events that record them as each append commits
 * (AppendObservers), plus the refusals no event records (a vote refused by a rule answers a
 * problem and appends nothing), counted from the API's problem filter. Counting costs one
 * switch on the event type and one pre-bound counter increment per event.
 */
@Injectable()
export class OutcomeMetrics {
  private readonly votes: Counter<'outcome' | 'reason'>;
  private readonly fraud: Counter<'decision'>;
  private readonly payments: Counter<'status'>;
  private readonly otp: Counter<'outcome'>;
  private readonly lockouts: Counter<'kind'>;
  private readonly accepted;
  private readonly held;

  constructor(
    metrics: TallyMetrics,
    observers: AppendObservers,
    private readonly errors: ErrorTracker,
  ) {
    const registers = [metrics.registry];
    this.votes = new Counter({ name: 'tally_votes_total', help: 'Votes by outcome (accepted, held for review, refused) and reason (the refusal code; none otherwise)', labelNames: ['outcome', 'reason'] as const, registers });
    this.fraud = new Counter({ name: 'tally_fraud_screenings_total', help: 'Fraud screening decisions on votes (accept, hold, reject); hold+reject over all is the detection rate', labelNames: ['decision'] as const, registers });
    this.payments = new Counter({ name: 'tally_payments_total', help: 'Payments that ended, by status (completed, failed)', labelNames: ['status'] as const, registers });
    this.otp = new Counter({ name: 'tally_otp_verifications_total', help: 'OTP verification attempts by outcome (verified, wrong_code, expired, used, no_code)', labelNames: ['outcome'] as const, registers });
    this.lockouts = new Counter({ name: 'tally_lockouts_total', help: 'Locks engaged: a client address blocked by the rate limiter (client_block), a login or OTP lockout', labelNames: ['kind'] as const, registers });
    this.accepted = this.votes.labels({ outcome: 'accepted', reason: 'none' });
    this.held = this.votes.labels({ outcome: 'held', reason: 'none' });
    // Zero series exist from the start, so a rate() over a fresh process is 0 rather than absent.
    for (const status of ['completed', 'failed']) this.payments.labels({ status });
    for (const decision of ['accept', 'hold', 'reject']) this.fraud.labels({ decision });
    for (const outcome of ['verified', 'wrong_code']) this.otp.labels({ outcome });
    for (const kind of ['client_block', 'login', 'otp']) this.lockouts.labels({ kind });
    observers.add((_streamId, events) => {
      for (const event of events) this.count(event);
    });
  }

  private count(event: EventToAppend): void {
    switch (event.type) {
      case 'VoteCast': {
        const data = event.data as { status: 'accepted' | 'held'; screening?: { decision: 'accept' | 'hold' | 'reject' } };
        (data.status === 'held' ? this.held : this.accepted).inc();
        if (data.screening) this.fraud.inc({ decision: data.screening.decision });
        return;
      }
      case 'VoteScreenedOut':
        // The refusal itself is counted from its problem (VOTING.VOTE_REJECTED); this is the screening's decision.
        this.fraud.inc({ decision: (event.data as { decision: string }).decision });
        return;
      case 'PaymentCompleted':
        this.payments.inc({ status: 'completed' });
        return;
      case 'PaymentFailed':
        this.payments.inc({ status: 'failed' });
        return;
      case 'OtpVerified':
        this.otp.inc({ outcome: 'verified' });
        return;
      case 'OtpVerificationFailed':
        this.otp.inc({ outcome: (event.data as { reason: string }).reason });
        return;
      case 'OtpLockedOut':
        this.lockouts.inc({ kind: 'otp' });
        return;
      case 'LoginLockedOut':
        this.lockouts.inc({ kind: 'login' });
        return;
      case 'ClientBlocked':
        this.lockouts.inc({ kind: 'client_block' });
        return;
      default:
        return;
    }
  }

  /** A request answered with a problem: a refused vote counts by its code; errors go to error tracking by kind. */
  problem(problem: RequestProblem): void {
    const endpoint = `${problem.method} ${problem.route}`;
    if (endpoint === VOTE_ROUTE && problem.status < 500) this.votes.inc({ outcome: 'refused', reason: problem.code });
    const kind = errorKindOf(problem, endpoint);
    if (kind === null) return;
    this.errors.record(kind, problem.code, { route: endpoint, status: problem.status, tenantId: problem.tenantId, userId: problem.userId, requestId: problem.requestId }, problem.status >= 500 ? problem.error : undefined);
  }
}

/**
 * Which error a problem is: the store being down is a database error wherever it happens; a
 * problem on the vote, payment or OTP routes is that kind (a refused vote is a vote error with
 * its code); bad input elsewhere is a validation error; any other 5xx is internal. Other 4xx
 * (401, 404 …) are a client's business, not an error of ours, and are not tracked.
 */
function errorKindOf(problem: RequestProblem, endpoint: string): ErrorKind | null {
  if (problem.storeUnavailable) return 'database';
  if (endpoint === VOTE_ROUTE) return 'vote';
  if (problem.route.startsWith('/api/payments') || problem.route.startsWith('/api/refunds') || problem.route.includes('webhook')) return 'payment';
  if (problem.route.startsWith('/api/auth/otp') || problem.route.startsWith('/api/auth/phone')) return 'otp';
  if (problem.status >= 500) return 'internal';
  if (problem.status === 400 || problem.status === 422) return 'validation';
  return null;
}
