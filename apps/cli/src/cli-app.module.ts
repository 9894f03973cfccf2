import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule, ProjectionsModule } from '@tally/eventstore';
import { JobsModule } from '@tally/jobs';
import { DatabaseModule, Env, PlatformModule } from '@tally/platform';
import { contextModules, databaseSchemas } from '@tally/composition';

/**
 * The CLI boots the same contexts and configuration as the server (DATABASE_URL, or the embedded
 * PGlite under DATA_DIR), without HTTP, scheduled jobs or the projection runner.
 */
@Module({})
export class CliAppModule {
  static forRoot(cliEnv: Env): DynamicModule {
    // ROLE=api as everywhere else that runs no worker (the runners below are off anyway).
    const env: Env = { ...cliEnv, ROLE: 'api' };
    return {
      module: CliAppModule,
      imports: [
        PlatformModule.forRoot({ env }),
        DatabaseModule.forRoot(databaseSchemas),
        EventStoreModule,
        CqrsModule.forRoot(),
        ProjectionsModule.forRoot({ run: false }),
        JobsModule.forRoot({ run: false }),
        ...contextModules,
      ],
    };
  }
}
