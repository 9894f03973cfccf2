import { CommandRunner } from '@tally/eventstore';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';

export interface ContestView {
  eventId: string;
  name: string;
  status: string;
  startDate: string;
  endDate: string;
  voteCap: number;
  currency: string;
  settings: Record<string, unknown>;
  createdAt: string;
  categories: { categoryId: string; name: string; weight: number; rules: Record<string, unknown> }[];
  contestants: { contestantId: string; name: string; slug: string; categoryId: string | null }[];
}

export class GetContestQuery extends Query<ContestView> {
  constructor(
    readonly tenantId: string,
    readonly contestId: string,
  ) {
    super();
  }
}

/**
 * Served from the contest stream itself (folded and cached by revision): an organizer sees
 * the contestant they just added, with no projection lag.
 */
@QueryHandler(GetContestQuery)
export class GetContestHandler implements IQueryHandler<GetContestQuery, ContestView> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ tenantId, contestId }: GetContestQuery): Promise<ContestView> {
    const { state } = await this.runner.load(contestDecider, contestStream(tenantId, contestId));
    if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
    return {
      eventId: state.contestId,
      name: state.name,
      status: state.status,
      startDate: state.startDate,
      endDate: state.endDate,
      voteCap: state.voteCap,
      currency: state.currency,
      settings: { ...state.settings },
      createdAt: state.createdAt,
      categories: [...state.categories.values()].map((c) => ({ categoryId: c.categoryId, name: c.name, weight: c.weight, rules: { ...c.rules } })),
      contestants: [...state.contestants.values()].map((c) => ({ contestantId: c.contestantId, name: c.name, slug: c.slug, categoryId: c.categoryId })),
    };
  }
}
