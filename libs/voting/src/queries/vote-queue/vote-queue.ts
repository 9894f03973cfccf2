import { LogQueue } from '@tally/eventstore';

/**
 * The SPEC's vote_queue: each vote (VoteCast) on its way from the log into the read models it
 * feeds — the vote list and ledger (voting-votes) and the leaderboard (voting-leaderboard). A
 * derived view (LogQueueView): no row is written per vote, so casting and projecting cost the
 * same as without it (docs/architecture.md, "Background work").
 */
export const VOTE_QUEUE: LogQueue = {
  consumers: ['voting-votes', 'voting-leaderboard'],
  filter: { streamPrefixes: ['voter-'], eventTypes: ['VoteCast'] },
};
