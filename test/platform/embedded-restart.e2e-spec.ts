import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TenantDirectory } from '@tally/tenancy';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';

/** The quick start's promise: no configuration, PGlite under DATA_DIR, data kept across restarts. */
describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-embedded-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(): Promise<NestFastifyApplication> {
    const app = await createApp({ env });
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  // Creating a PGlite database takes seconds; two start-ups with migrations need more than the default.
  jest.setTimeout(180_000);

  it('is ready on PGlite and keeps its data across a restart', async () => {
    const first = await start();
    let demoId: string | undefined;
    try {
      await request(first.getHttpServer()).get('/health/ready').expect(200);
      demoId = (await first.get(TenantDirectory).findBySlug('demo'))?.id;
      expect(demoId).toBeDefined();
    } finally {
      await first.close();
    }

    const second = await start();
    try {
      await request(second.getHttpServer()).get('/health/ready').expect(200);
      expect((await second.get(TenantDirectory).findBySlug('demo'))?.id).toBe(demoId);
    } finally {
      await second.close();
    }
  });
});
