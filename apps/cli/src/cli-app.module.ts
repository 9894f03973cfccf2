import { DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { DatabaseModule, Env, PlatformModule } from '@tally/platform';
import { contextModules, contextSchemas } from '../../api/src/contexts';

/**
 * Contexts register their timers in @nestjs/schedule's registry, so it must exist; without
 * ScheduleModule.forRoot() no decorated job is ever mounted in the CLI.
 */
@Global()
@Module({ providers: [SchedulerRegistry], exports: [SchedulerRegistry] })
class CliSchedulerRegistryModule {}

/**
 * The CLI boots the same contexts and configuration as the server (DATABASE_URL, or the embedded
 * PGlite under DATA_DIR), without HTTP, scheduled jobs or the projection runner.
 */
@Module({})
export class CliAppModule {
  static forRoot(cliEnv: Env): DynamicModule {
    // ROLE=api: contexts start no background work (jobs, runners) in a CLI process.
    const env: Env = { ...cliEnv, ROLE: 'api' };
    return {
      module: CliAppModule,
      imports: [
        PlatformModule.forRoot({ env }),
        DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, ...contextSchemas]),
        EventStoreModule,
        CqrsModule.forRoot(),
        CliSchedulerRegistryModule,
        ProjectionsModule.forRoot({ run: false }),
        ...contextModules,
      ],
    };
  }
}
