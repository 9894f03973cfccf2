import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRunner, commandMetadata } from '@tally/eventstore';
import { CLOCK, Clock, deterministicUuid } from '@tally/platform';
import { AddCategoryCommand } from '../commands/add-category/add-category.command';
import { AddContestantCommand } from '../commands/add-contestant/add-contestant.command';
import { CastVoteCommand } from '../commands/cast-vote/cast-vote.command';
import { ChangeContestStatusCommand } from '../commands/change-contest-status/change-contest-status.command';
import { CreateContestCommand } from '../commands/create-contest/create-contest.command';
import { GrantCreditsCommand } from '../commands/grant-credits/grant-credits.command';
import { contestDecider } from '../domain/contest.state';
import { CREDIT_OPERATIONS } from '../domain/credit-operation-ids';
import { contestStream } from '../domain/voting.streams';

export interface DemoSeedOptions {
  /** Synthetic voters who get credits and cast a few votes, so the leaderboard is not empty. */
  voters?: number;
  creditsPerVoter?: number;
  /** Real user ids (signed up through /api/auth/signup) that also get credits. */
  grantTo?: string[];
}

export interface DemoSeedResult {
  eventId: string;
  created: boolean;
  status: string;
  contestants: { contestantId: string; name: string; slug: string }[];
  voters: number;
  votesCast: number;
  creditsGrantedTo: string[];
}

const CONTESTANTS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra'];

/**
 * Seeds an open demo event: five contestants, ten free votes per voter per day (so a user who
 * just signed up can vote at once), synthetic voters with credits and some votes. Every id and
 * key is derived from the tenant, so running it again changes nothing.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async seed(tenantId: string, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
    const metadata = commandMetadata({ tenantId, actorId: null, clientIp: null });
    const eventId = deterministicUuid(CREDIT_OPERATIONS, 'demo-contest', tenantId);
    const existing = await this.runner.load(contestDecider, contestStream(tenantId, eventId));
    const created = !existing.state.exists;
    if (created) {
      const now = this.clock.now().getTime();
      await this.commands.execute(
        new CreateContestCommand(
          {
            contestId: eventId,
            name: 'Tally Demo Awards',
            startDate: new Date(now - 3_600_000).toISOString(),
            endDate: new Date(now + 30 * 86_400_000).toISOString(),
            voteCap: 100,
            settings: { freeVotesPerDay: 10, maxVotesPerRequest: 20 },
          },
          metadata,
        ),
      );
      const { categoryId } = await this.commands.execute(new AddCategoryCommand({ contestId: eventId, name: 'Main stage', weight: 1 }, metadata));
      // The operator seeds these names: they need no moderator (byReviewer).
      for (const name of CONTESTANTS) await this.commands.execute(new AddContestantCommand({ contestId: eventId, name, categoryId, byReviewer: true }, metadata));
      await this.commands.execute(new ChangeContestStatusCommand({ contestId: eventId, to: 'open' }, metadata));
    }
    const { state } = await this.runner.load(contestDecider, contestStream(tenantId, eventId));
    const contestants = [...state.contestants.values()].map((c) => ({ contestantId: c.contestantId, name: c.name, slug: c.slug }));

    const voters = options.voters ?? 20;
    const credits = options.creditsPerVoter ?? 50;
    let votesCast = 0;
    for (let i = 0; i < voters; i++) {
      const userId = deterministicUuid(CREDIT_OPERATIONS, 'demo-voter', `${tenantId}:${i}`);
      const voterMetadata = commandMetadata({ tenantId, actorId: userId, clientIp: null });
      await this.grant(tenantId, userId, credits, 'demo-voter');
      if (state.status !== 'open' || contestants.length === 0) continue;
      // A skewed, repeatable spread so the leaderboard shows a clear order and a tie or two.
      const contestant = contestants[(i * i) % contestants.length];
      const amount = 1 + (i % 5);
      await this.commands.execute(new CastVoteCommand({ userId, contestantId: contestant.contestantId, amount, eventId, idempotencyKey: `demo-seed-${i}` }, voterMetadata));
      votesCast += amount;
    }
    for (const userId of options.grantTo ?? []) await this.grant(tenantId, userId, credits, 'demo-user');
    return { eventId, created, status: state.status, contestants, voters, votesCast, creditsGrantedTo: options.grantTo ?? [] };
  }

  private async grant(tenantId: string, userId: string, credits: number, why: string): Promise<void> {
    const grantId = deterministicUuid(CREDIT_OPERATIONS, 'demo-grant', `${tenantId}:${userId}`);
    const metadata = commandMetadata({ tenantId, actorId: null, clientIp: null });
    await this.commands.execute(new GrantCreditsCommand({ userId, credits, grantId, source: { kind: 'demo', ref: why } }, metadata));
  }
}
