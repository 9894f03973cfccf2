import { Module } from '@nestjs/common';
import { DetectPatternsHandler } from './commands/detect-patterns/detect-patterns.handler';
import { DetectPatternsHttpController } from './commands/detect-patterns/detect-patterns.http.controller';
import { PatternDetectionJob } from './jobs/pattern-detection.job';
import { PatternActionsReactor } from './reactors/pattern-actions.reactor';

/** Pattern detection across votes already cast: the endpoint, the hourly job, and the reactor that acts on findings. */
@Module({
  controllers: [DetectPatternsHttpController],
  providers: [DetectPatternsHandler, PatternDetectionJob, PatternActionsReactor],
})
export class FraudPatternsModule {}
