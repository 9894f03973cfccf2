import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { LeaderboardReader, LeaderboardView } from './leaderboard.reader';

/** The vote leaderboard of an event, for other contexts (scoring blends it with the jury); 404 for an unknown event. */
export class GetLeaderboardQuery extends Query<LeaderboardView> {
  constructor(
    readonly tenantId: string,
    readonly contestId: string,
  ) {
    super();
  }
}

@QueryHandler(GetLeaderboardQuery)
export class GetLeaderboardHandler implements IQueryHandler<GetLeaderboardQuery, LeaderboardView> {
  constructor(private readonly reader: LeaderboardReader) {}

  execute({ tenantId, contestId }: GetLeaderboardQuery): Promise<LeaderboardView> {
    return this.reader.forContest(tenantId, contestId);
  }
}
