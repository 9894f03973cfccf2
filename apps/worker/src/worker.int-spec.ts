import { NestFactory } from '@nestjs/core';
import { ProjectionRegistry, ProjectionRunner } from '@tally/eventstore';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { WorkerAppModule } from './worker-app.module';

/** The ROLE=worker process boots every context's projections and stops them on shutdown. */
describe('worker process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('runs every registered projection after bootstrap and stops cleanly', async () => {
    const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot({ env: { DATABASE_URL: database.url, ROLE: 'worker', LOG_LEVEL: 'silent' } }), { logger: false });
    await app.init();
    const runner = app.get(ProjectionRunner);
    const names = app.get(ProjectionRegistry).all().map((projection) => projection.name);
    expect(names.length).toBeGreaterThan(0);
    expect(runner.running).toBe(true);
    expect(runner.workerStates().map((state) => state.projection).sort()).toEqual([...names].sort());
    await app.close();
    expect(runner.running).toBe(false);
    expect(runner.workerStates().every((state) => state.phase === 'stopped')).toBe(true);
  });
});
