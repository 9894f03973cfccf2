import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@tally/eventstore';
import { JobsModule } from '@tally/jobs';

/**
 * What a worker runs: every registered projection and reactor (checkpointed, one active
 * instance each through advisory locks) and the contexts' scheduled jobs (one leader each). ROLE=worker runs it alone
 * (main.ts); ROLE=all imports it into the API's module graph. ROLE=api imports
 * `ProjectionsModule.forRoot({ run: false })` and `JobsModule.forRoot({ run: false })` instead,
 * for status and health only.
 */
@Module({
  imports: [ProjectionsModule.forRoot({ run: true }), JobsModule.forRoot({ run: true })],
  exports: [ProjectionsModule, JobsModule],
})
export class WorkerModule {}
