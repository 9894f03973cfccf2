import { Inject } from '@nestjs/common';
import { CommandRunner } from '@tally/eventstore';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { QUERY_CACHE, QueryCache } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';
import { CONTEST_VIEW_CACHE } from './contest-view-cache.reactor';
import { ApprovedContestant, PublicContestantsReader } from './public-contestants.reader';

/** A contestant as the public sees it: the name moderation lets it see; bio and media URLs only once a moderator approved some. */
export interface PublicContestantView {
  contestantId: string;
  name: string;
  slug: string;
  categoryId: string | null;
  bio?: string | null;
  mediaUrls?: string[];
}

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
  contestants: PublicContestantView[];
}

export class GetContestQuery extends Query<ContestView> {
  constructor(
    readonly tenantId: string,
    readonly contestId: string,
    /** The caller named a log position (read-your-writes): built afresh, not served from the query cache. */
    readonly fresh = false,
  ) {
    super();
  }
}

/**
 * Served from the contest stream itself (folded and cached by revision): an organizer sees
 * the contestant they just added, with no projection lag. Names, bios and media URLs are what the
 * public may see: approved by a moderator, else what was public at the add (a pending or rejected
 * submission never shows, to anyone: organizers follow theirs in the moderation queue).
 *
 * The built view is kept in the query cache (shared by the API processes, docs/scaling.md "Query
 * result cache"), invalidated by ContestViewCacheReactor, so an audience opening one page costs
 * no database read per request. An unknown contest is not cached (it throws).
 */
@QueryHandler(GetContestQuery)
export class GetContestHandler implements IQueryHandler<GetContestQuery, ContestView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly approvals: PublicContestantsReader,
    @Inject(QUERY_CACHE) private readonly cache: QueryCache,
  ) {}

  execute({ tenantId, contestId, fresh }: GetContestQuery): Promise<ContestView> {
    if (fresh) return this.build(tenantId, contestId);
    return this.cache.get({ namespace: CONTEST_VIEW_CACHE, id: contestStream(tenantId, contestId) }, () => this.build(tenantId, contestId));
  }

  private async build(tenantId: string, contestId: string): Promise<ContestView> {
    const view = await this.fold(tenantId, contestId);
    if (view.contestants.length === 0) return view;
    // Moderators' approvals live on other streams (and their tables), not in the contest's fold.
    const approved = await this.approvals.ofContest(tenantId, contestId);
    return approved.size === 0 ? view : { ...view, contestants: view.contestants.map((contestant) => withApproved(contestant, approved.get(contestant.contestantId))) };
  }

  private async fold(tenantId: string, contestId: string): Promise<ContestView> {
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
      // What was public at the add: the name, or its placeholder while no moderator had approved it.
      contestants: [...state.contestants.values()].map((c) => ({ contestantId: c.contestantId, name: c.publicName, slug: c.slug, categoryId: c.categoryId })),
    };
  }
}

/** The name moderation shows since the add (contestant_names) instead of the add's; `bio` and `mediaUrls` (optional fields) only once content was approved. */
function withApproved(contestant: PublicContestantView, approved: ApprovedContestant | undefined): PublicContestantView {
  if (approved === undefined) return contestant;
  const named = approved.name === undefined ? contestant : { ...contestant, name: approved.name };
  return approved.content === undefined ? named : { ...named, bio: approved.content.bio, mediaUrls: approved.content.mediaUrls };
}
