import { Inject, Optional } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Actor, TENANT_USERS, TenantUserLookup } from '@tally/platform';
import { FraudDecision } from '../../domain/fraud.events';
import { FraudError } from '../../fraud.errors';
import { RiskFactor } from '../../scoring/risk-score';
import { FraudScreener } from '../../screening/fraud-screener';

export interface CheckVoteInput {
  /** Whose would-be vote; the caller's own when absent. */
  userId?: string;
  /** The address to score it from (organizers only); the request's own when absent. */
  clientIp?: string;
  deviceFingerprint?: string;
}

export interface CheckVoteResult {
  userId: string;
  score: number;
  decision: FraudDecision;
  modelVersion: string;
  /** For organizers and platform admins only: the factors would teach a bot which signal to dodge. */
  factors?: RiskFactor[];
}

export class CheckVoteQuery extends Query<CheckVoteResult> {
  constructor(
    readonly tenantId: string,
    readonly caller: Actor,
    readonly requestIp: string | null,
    readonly input: CheckVoteInput,
  ) {
    super();
  }
}

const isOrganizer = (actor: Actor): boolean => actor.roles.some((role) => role === 'organizer' || role === 'platform_admin');

/**
 * Scores a vote without casting it and without recording anything (the signal state is read as
 * if the vote were added). A voter may check only itself, from where it is, and sees the score
 * and decision; an organizer may check any user of the tenant from any address, with factors.
 */
@QueryHandler(CheckVoteQuery)
export class CheckVoteHandler implements IQueryHandler<CheckVoteQuery, CheckVoteResult> {
  constructor(
    private readonly screener: FraudScreener,
    @Optional() @Inject(TENANT_USERS) private readonly users?: TenantUserLookup,
  ) {}

  async execute({ tenantId, caller, requestIp, input }: CheckVoteQuery): Promise<CheckVoteResult> {
    const organizer = isOrganizer(caller);
    const userId = input.userId ?? caller.userId;
    if (!organizer && (userId !== caller.userId || input.clientIp !== undefined)) {
      throw new FraudError('FRAUD.NOT_ALLOWED', 'A voter may check only its own votes, from its own address');
    }
    if (userId !== caller.userId && this.users && !(await this.users.isUserOf(tenantId, userId))) {
      throw new FraudError('FRAUD.USER_NOT_FOUND', 'No such user in this tenant', { userId });
    }
    const { scored } = await this.screener.score({ tenantId, userId, clientIp: input.clientIp ?? requestIp, deviceFingerprint: input.deviceFingerprint ?? null }, 'peek');
    const result: CheckVoteResult = { userId, score: scored.score, decision: scored.decision, modelVersion: scored.modelVersion };
    return organizer ? { ...result, factors: scored.factors } : result;
  }
}
