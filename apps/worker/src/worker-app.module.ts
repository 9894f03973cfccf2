import { DynamicModule, Module } from '@nestjs/common';
import { loadPlatformConfig } from '@tally/platform';
import { CoreOptions, coreModules, WorkerModule } from '@tally/composition';

export type WorkerAppOptions = CoreOptions;

/**
 * The ROLE=worker process: the same contexts and schema as the API (libs/composition/src/contexts.ts),
 * no HTTP server. The contexts' projections are found by discovery, wherever they are declared.
 */
@Module({})
export class WorkerAppModule {
  static forRoot(options: WorkerAppOptions): DynamicModule {
    const config = loadPlatformConfig(options.env);
    return {
      module: WorkerAppModule,
      imports: [
        ...coreModules(options, config),
        WorkerModule,
      ],
    };
  }
}
