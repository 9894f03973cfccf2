import { Test, TestingModule } from '@nestjs/testing';
import { DatabaseModule, PlatformModule, TestDatabase } from '@tally/platform';
import { EventStoreModule } from '../../event-store.module';
import { eventStoreSchema } from '../../eventstore.schema';
import { ProjectionsModule } from '../../projections/projections.module';
import { projectionsSchema } from '../../projections/projections.schema';
import { FAST_PROJECTIONS_ENV } from '../../projections/testing/projection-test-kit';
import { EffectLogReactor, effectLogSchema } from './effect-log.reactor';

/** One "process" running (or only reporting on) the effect-log reactor over the test database. */
export async function startReactorApp(database: TestDatabase, options: { run: boolean; killAfter?: number | null; env?: Record<string, string>; failOn?: number[] }): Promise<{ app: TestingModule; reactor: EffectLogReactor }> {
  const env = { DATABASE_URL: database.url, ...FAST_PROJECTIONS_ENV, ...options.env };
  const app = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ env }), DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, effectLogSchema]), EventStoreModule, ProjectionsModule.forRoot({ run: options.run })],
    providers: [EffectLogReactor],
  }).compile();
  const reactor = app.get(EffectLogReactor).configure({ url: database.url, killAfter: options.killAfter });
  for (const n of options.failOn ?? []) reactor.failOn.add(n);
  app.useLogger(false);
  await app.init();
  return { app, reactor };
}
