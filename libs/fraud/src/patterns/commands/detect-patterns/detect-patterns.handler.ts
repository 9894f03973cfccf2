import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { DEFAULT_CLUSTER_RULE, detectIpClusters, ObservedVote } from '../../domain/ip-cluster.detect';
import { findingDecider, findingId, findingStream } from '../../domain/finding.state';
import { DetectedFinding, DetectPatternsCommand, DetectPatternsResult } from './detect-patterns.command';

/** A cluster never holds more votes than this in one run; what is left is found by the next. */
const MAX_EXAMINED_VOTES = 50_000;

interface TrailRow {
  vote_id: string;
  user_id: string;
  event_id: string;
  contestant_id: string;
  client_ip: string;
  amount: number;
  cast_at: Date | string;
}

@CommandHandler(DetectPatternsCommand)
export class DetectPatternsHandler implements ICommandHandler<DetectPatternsCommand, DetectPatternsResult> {
  constructor(
    private readonly orm: MikroORM,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: DetectPatternsCommand): Promise<DetectPatternsResult> {
    const end = this.clock.now();
    const start = new Date(end.getTime() - input.windowMinutes * 60_000);
    const rule = { ...DEFAULT_CLUSTER_RULE, windowMinutes: input.windowMinutes };
    const observed = (await this.candidateVotes(metadata.tenantId, input.eventId, start, end, rule.minAccounts)).map(
      (row): ObservedVote => ({ voteId: row.vote_id, userId: row.user_id, amount: Number(row.amount), castAt: new Date(row.cast_at).toISOString(), contestId: row.event_id, contestantId: row.contestant_id, clientIp: row.client_ip }),
    );
    const findings: DetectedFinding[] = [];
    for (const found of detectIpClusters(observed, rule)) {
      const id = findingId(metadata.tenantId, found.patternType, found.votes.map((vote) => vote.voteId));
      const outcome = await this.runner.run(
        {
          decider: findingDecider,
          streamId: findingStream(metadata.tenantId, id),
          decide: (state) => (state.recorded ? [] : [{ type: 'SuspiciousPatternDetected', data: { findingId: id, ...found, detectedAt: end.toISOString() } }]),
        },
        metadata,
      );
      const { clientIp, accounts } = found.evidence;
      findings.push({ findingId: id, patternType: found.patternType, action: found.action, eventId: found.contestId, contestantId: found.contestantId, clientIp, accounts, votes: found.votes.length, recordedNow: outcome.events.length > 0 });
    }
    return { windowStart: start.toISOString(), windowEnd: end.toISOString(), examinedVotes: observed.length, findings };
  }

  /** Only the votes (still counted or held) of groups with enough accounts behind one address: the rest cannot form a cluster. */
  private candidateVotes(tenantId: string, eventId: string | undefined, start: Date, end: Date, minAccounts: number): Promise<TrailRow[]> {
    const scope = eventId ? 'and event_id = ?' : '';
    const window = eventId ? [tenantId, start, end, eventId] : [tenantId, start, end];
    return this.orm.em.getConnection('write').execute<TrailRow[]>(
      `with live as (select * from fraud_vote_trail where tenant_id = ? and cast_at >= ? and cast_at <= ? and status in ('accepted', 'held') and client_ip is not null ${scope}),
            groups as (select event_id, contestant_id, client_ip from live group by 1, 2, 3 having count(distinct user_id) >= ?)
       select live.vote_id, live.user_id, live.event_id, live.contestant_id, live.client_ip, live.amount, live.cast_at
         from live join groups using (event_id, contestant_id, client_ip) order by live.cast_at, live.vote_id limit ?`,
      [...window, minAccounts, MAX_EXAMINED_VOTES],
    );
  }
}
