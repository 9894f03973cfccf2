import { purgeKeysOf, purgeKeysOfBatch } from './purge-keys';

const meta = { tenantId: 't1' };

describe('purgeKeysOf', () => {
  it('a vote purges its contest leaderboard and log head; a contest change the whole contest; branding the tenant branding', () => {
    expect(purgeKeysOf({ type: 'VoteCast', data: { contestId: 'c1' }, metadata: meta })).toEqual(['leaderboard-c1', 'tree-head-c1']);
    expect(purgeKeysOf({ type: 'VoteRefunded', data: { contestId: 'c1' }, metadata: meta })).toEqual(['leaderboard-c1', 'tree-head-c1']);
    expect(purgeKeysOf({ type: 'ContestStatusChanged', data: { contestId: 'c2' }, metadata: meta })).toEqual(['contest-c2']);
    expect(purgeKeysOf({ type: 'TenantBrandingApproved', data: { tenantId: 't1' }, metadata: meta })).toEqual(['branding-t1']);
    expect(purgeKeysOf({ type: 'ContestantNameApproved', data: { contestId: 'c3', contestantId: 'a' }, metadata: meta })).toEqual(['contest-c3']);
    expect(purgeKeysOf({ type: 'ContestantContentApproved', data: { contestId: 'c3', contestantId: 'a' }, metadata: meta })).toEqual(['contest-c3']);
    // A post-moderated rename is public at once, a rejection may take a name down.
    expect(purgeKeysOf({ type: 'ContestantNameSubmitted', data: { contestId: 'c3', contestantId: 'a' }, metadata: meta })).toEqual(['contest-c3']);
    expect(purgeKeysOf({ type: 'ContestantNameRejected', data: { contestId: 'c3', contestantId: 'a' }, metadata: meta })).toEqual(['contest-c3']);
    // Content shows only once approved.
    expect(purgeKeysOf({ type: 'ContestantContentSubmitted', data: { contestId: 'c3', contestantId: 'a' }, metadata: meta })).toEqual([]);
    expect(purgeKeysOf({ type: 'CreditsGranted', data: {}, metadata: meta })).toEqual([]);
  });

  it('a batch names each key once', () => {
    const votes = Array.from({ length: 50 }, (_, i) => ({ type: 'VoteCast', data: { contestId: i % 2 ? 'c1' : 'c2' }, metadata: meta }));
    expect(purgeKeysOfBatch(votes)).toEqual(['leaderboard-c2', 'tree-head-c2', 'leaderboard-c1', 'tree-head-c1']);
  });
});
