import { ContextSchema } from '@tally/platform';
import { Migration20261125190000_voting_init } from './migrations/Migration20261125190000_voting_init';
import { Migration20261204190000_voting_vote_queue_view } from './migrations/Migration20261204190000_voting_vote_queue_view';
import { Migration20261204193000_voting_contestant_content } from './migrations/Migration20261204193000_voting_contestant_content';
import { Migration20261204210000_voting_contestant_names } from './migrations/Migration20261204210000_voting_contestant_names';
import { Migration20261204230000_voting_vote_queue_table } from './migrations/Migration20261204230000_voting_vote_queue_table';
import {
  CategoryRow,
  ContestantRow,
  ContestRow,
  LeaderboardCacheRow,
  RankBaselineRow,
  RankSnapshotRow,
  VoteLedgerRow,
  VoteRow,
} from './read-models/voting.entities';

export const votingSchema: ContextSchema = {
  entities: [ContestRow, CategoryRow, ContestantRow, VoteRow, VoteLedgerRow, LeaderboardCacheRow, RankSnapshotRow, RankBaselineRow],
  migrations: [
    { name: 'Migration20261125190000_voting_init', class: Migration20261125190000_voting_init },
    { name: 'Migration20261204190000_voting_vote_queue_view', class: Migration20261204190000_voting_vote_queue_view },
    { name: 'Migration20261204193000_voting_contestant_content', class: Migration20261204193000_voting_contestant_content },
    { name: 'Migration20261204210000_voting_contestant_names', class: Migration20261204210000_voting_contestant_names },
    { name: 'Migration20261204230000_voting_vote_queue_table', class: Migration20261204230000_voting_vote_queue_table },
  ],
};
