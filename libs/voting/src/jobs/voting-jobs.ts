import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { LeaderboardRecalculator } from '../queries/leaderboard/leaderboard.recalculator';
import { VOTING_CONFIG, VotingConfig } from '../voting.config';
import { ContestScheduler } from './contest-scheduler';

/**
 * The voting context's timers (registered with @nestjs/schedule's registry so operators see
 * them): the leaderboard recalculation and the event schedule. A run never overlaps the
 * previous one; the recalculation takes an advisory lock so one worker does it.
 */
@Injectable()
export class VotingJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('VotingJobs');
  private readonly running = new Set<string>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly recalculator: LeaderboardRecalculator,
    private readonly scheduler: ContestScheduler,
    @Inject(VOTING_CONFIG) private readonly config: VotingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runJobs) return;
    this.every('voting:leaderboard-recalc', this.config.recalcIntervalMs, () => this.recalculator.recalculateOpen());
    this.every('voting:contest-schedule', this.config.scheduleIntervalMs, () => this.scheduler.runDue());
  }

  onModuleDestroy(): void {
    for (const name of ['voting:leaderboard-recalc', 'voting:contest-schedule']) {
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    }
  }

  private every(name: string, ms: number, job: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.running.has(name)) return;
      this.running.add(name);
      job()
        .catch((error: unknown) => this.logger.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.running.delete(name));
    }, ms);
    timer.unref();
    this.registry.addInterval(name, timer);
  }
}
