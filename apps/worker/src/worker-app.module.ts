import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@tally/observability';
import { loadPlatformConfig } from '@tally/platform';
import { CoreOptions, coreModules, WorkerModule } from '@tally/composition';

export type WorkerAppOptions = CoreOptions;

/**
 * The ROLE=worker process: the same contexts and schema as the API (libs/composition/src/contexts.ts),
 * no HTTP API (GET /metrics on METRICS_PORT only). The contexts' projections are found by discovery, wherever they are declared.
 */
@Module({})
export class WorkerAppModule {
  static forRoot(options: WorkerAppOptions): DynamicModule {
    const config = loadPlatformConfig(options.env);
    return {
      module: WorkerAppModule,
      imports: [
        ...coreModules(options, config),
        // Its metrics on METRICS_PORT (no HTTP API here), error tracking, replica lag.
        ObservabilityModule,
        WorkerModule,
      ],
    };
  }
}
