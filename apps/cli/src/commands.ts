import { analyticsResetCommand } from '@tally/analytics';
import { contestExportCommand, verifyContestCommand, verifyReceiptCommand } from '@tally/anchoring';
import { auditRestoreCommand, contestReportCommand, tenantReportCommand } from '@tally/audit';
import { seedDemoCommand } from '@tally/voting';
import { AnyCliCommand } from './cli-command';
import { dataResetCommand } from './data-dir/data-reset.command';
import { jobsListCommand } from './jobs/jobs-list.command';
import { projectionsDeadLettersCommand } from './projections/projections-dead-letters.command';
import { projectionsListCommand } from './projections/projections-list.command';
import { projectionsRebuildCommand } from './projections/projections-rebuild.command';
import { projectionsReplayDeadLetterCommand } from './projections/projections-replay-dead-letter.command';
import { streamReplayCommand } from './streams/stream-replay.command';

/** Every CLI command; a context adds its own with one line here. */
export const cliCommands: readonly AnyCliCommand[] = [
  projectionsListCommand,
  projectionsRebuildCommand,
  projectionsDeadLettersCommand,
  projectionsReplayDeadLetterCommand,
  jobsListCommand,
  streamReplayCommand,
  seedDemoCommand,
  dataResetCommand,
  contestExportCommand,
  verifyContestCommand,
  verifyReceiptCommand,
  contestReportCommand,
  tenantReportCommand,
  auditRestoreCommand,
  analyticsResetCommand,
];
