import { embeddedDatabaseDirectory, loadPlatformConfig, moveEmbeddedDatabaseAside } from '@tally/platform';
import { CliUsageError, StandaloneCliCommand, writeLine } from '../cli-command';

/**
 * The documented way out of a damaged embedded database. Standalone: booting the application
 * would try to open the very directory that cannot be opened.
 */
export const dataResetCommand: StandaloneCliCommand = {
  name: 'data:reset',
  standalone: true,
  description:
    'Moves the embedded database (DATA_DIR/pglite) aside, so the next start creates an empty one.\n' +
    'Nothing is deleted: the old directory stays beside it as pglite.moved-<time>; the secrets in DATA_DIR are kept. Refuses while a process has it open.',
  async run({ env, options, io }) {
    const config = loadPlatformConfig(env);
    if (config.databaseUrl) throw new CliUsageError('data:reset works on the embedded database only; DATABASE_URL is set, so there is none to reset.');
    const directory = embeddedDatabaseDirectory(config);
    const movedTo = moveEmbeddedDatabaseAside(directory);
    if (options.json) {
      writeLine(io.out, JSON.stringify({ directory, movedTo: movedTo ?? null }));
    } else {
      writeLine(io.out, movedTo ? `Moved ${directory} to ${movedTo}. The next start creates an empty embedded database.` : `There is no embedded database in ${directory}; nothing to move.`);
    }
    return 0;
  },
};
