import { ContextSchema } from '@tally/platform';
import { Migration20261125190000_voting_init } from './migrations/Migration20261125190000_voting_init';
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
  migrations: [{ name: 'Migration20261125190000_voting_init', class: Migration20261125190000_voting_init }],
};
