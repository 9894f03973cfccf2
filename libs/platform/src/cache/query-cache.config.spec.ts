import { loadQueryCacheConfig } from './query-cache.config';

describe('query cache settings', () => {
  it('keys a deployment\'s cache by its database unless a prefix is set', () => {
    expect(loadQueryCacheConfig({ DATABASE_URL: 'postgresql://tally@db.internal:5432/tally_prod?sslmode=require' }).redisPrefix).toBe('tally:qc:tally_prod:');
    expect(loadQueryCacheConfig({ DATABASE_URL: 'postgresql://tally@replica.internal/tally_prod' }).redisPrefix).toBe('tally:qc:tally_prod:');
    expect(loadQueryCacheConfig({ DATABASE_URL: 'postgresql://tally@db.internal/tally_staging' }).redisPrefix).toBe('tally:qc:tally_staging:');
    expect(loadQueryCacheConfig({ DATABASE_URL: 'postgresql://tally@db.internal/x', QUERY_CACHE_REDIS_PREFIX: 'shared:' }).redisPrefix).toBe('shared:');
    expect(loadQueryCacheConfig({}).redisPrefix).toBe('tally:qc:');
  });
});
