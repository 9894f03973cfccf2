import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ProjectionsModule } from '@tally/eventstore';

/**
 * What a worker runs: every registered projection (checkpointed, one active instance each
 * through advisory locks) and the contexts' scheduled jobs. ROLE=worker runs it alone
 * (main.ts); ROLE=all imports it into the API's module graph. ROLE=api imports
 * `ProjectionsModule.forRoot({ run: false })` instead, for status and health only.
 */
@Module({
  imports: [ProjectionsModule.forRoot({ run: true }), ScheduleModule.forRoot()],
  exports: [ProjectionsModule],
})
export class WorkerModule {}
