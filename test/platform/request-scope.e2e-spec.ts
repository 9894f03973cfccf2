import { RequestContext } from '@mikro-orm/core';
import { createTestApp, TestApp } from '../support/test-app';

/** Routes marked @WithoutEntityManager() skip the request-scoped EntityManager; the others get one. */
describe('request scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('forks an EntityManager only for routes that may use it', async () => {
    const create = jest.spyOn(RequestContext, 'create');
    try {
      await t.http().get('/health/live').expect(200);
      expect(create).not.toHaveBeenCalled();
      await t.http().get('/health/ready');
      expect(create).toHaveBeenCalledTimes(1);
    } finally {
      create.mockRestore();
    }
  });
});
