import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, commandMetadata } from '@tally/platform';
import { DEFAULT_CLUSTER_RULE } from '../domain/ip-cluster.detect';
import { DetectPatternsCommand, DetectPatternsResult } from '../commands/detect-patterns/detect-patterns.command';

/**
 * Hourly: pattern detection over every tenant that had votes in the window (two hours, so
 * consecutive runs overlap and a cluster straddling the hour is seen whole). Findings already
 * recorded are not recorded again.
 */
@RegisteredJob()
export class PatternDetectionJob implements ScheduledJob {
  readonly name = 'fraud.pattern-detection';
  readonly schedule = { everyMs: 3_600_000 };

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<{ tenants: number; findings: number; recordedNow: number }> {
    const since = new Date(this.clock.now().getTime() - DEFAULT_CLUSTER_RULE.windowMinutes * 60_000);
    const tenants = await this.orm.em.getConnection('write').execute<{ tenant_id: string }[]>('select distinct tenant_id from fraud_vote_trail where cast_at >= ?', [since]);
    let findings = 0;
    let recordedNow = 0;
    for (const { tenant_id: tenantId } of tenants) {
      const result: DetectPatternsResult = await this.commands.execute(
        new DetectPatternsCommand({ windowMinutes: DEFAULT_CLUSTER_RULE.windowMinutes }, commandMetadata({ tenantId, actorId: null, clientIp: null })),
      );
      findings += result.findings.length;
      recordedNow += result.findings.filter((finding) => finding.recordedNow).length;
    }
    return { tenants: tenants.length, findings, recordedNow };
  }
}
