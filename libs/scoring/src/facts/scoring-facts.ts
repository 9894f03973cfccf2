import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CommandRunner, StreamDecider } from '@tally/eventstore';
import { UserEvent, userStream } from '@tally/identity';
import { isUuid, Role } from '@tally/platform';
import { GetContestQuery, GetLeaderboardQuery } from '@tally/voting';
import { ContestFacts } from '../domain/contest-facts';

interface UserRoles {
  exists: boolean;
  roles: readonly Role[];
}

/** Only the roles of identity's user stream (its published events), to check that a judge holds the `judge` role. */
const userRolesDecider: StreamDecider<UserRoles, UserEvent> = {
  aggregate: 'scoring-user-roles',
  initialState: () => ({ exists: false, roles: [] }),
  evolve: (state, event) => {
    if (event.type === 'UserRegistered') return { exists: true, roles: event.data.roles };
    if (event.type === 'RolesChanged') return { ...state, roles: event.data.roles };
    return state;
  },
};

/**
 * What scoring's decisions need from the other contexts, read through their public surfaces:
 * the event (contestants, category weights, status) and its vote counts from voting's queries,
 * a user's roles from identity's user stream. An event of another tenant is voting's 404.
 */
@Injectable()
export class ScoringFacts {
  constructor(
    private readonly queries: QueryBus,
    private readonly runner: CommandRunner,
  ) {}

  async contest(tenantId: string, contestId: string): Promise<ContestFacts> {
    const view = await this.queries.execute(new GetContestQuery(tenantId, contestId));
    return {
      contestId: view.eventId,
      status: view.status,
      contestants: new Map(view.contestants.map((c) => [c.contestantId, { name: c.name, categoryId: c.categoryId }])),
      categoryWeights: new Map(view.categories.map((c) => [c.categoryId, c.weight])),
    };
  }

  async votes(tenantId: string, contestId: string): Promise<Map<string, number>> {
    const board = await this.queries.execute(new GetLeaderboardQuery(tenantId, contestId));
    return new Map(board.items.map((item) => [item.contestantId, item.votes]));
  }

  async isJudge(tenantId: string, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const { state } = await this.runner.load(userRolesDecider, userStream(tenantId, userId));
    return state.exists && state.roles.includes('judge');
  }
}
