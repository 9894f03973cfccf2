import { SingleBar } from 'cli-progress';
import { ProjectionRebuildService, RebuildProgress } from '@tally/eventstore';
import { CliCommand, writeLine } from '../cli-command';

export const projectionsRebuildCommand: CliCommand = {
  name: 'projections:rebuild',
  arguments: '<name>',
  minArgs: 1,
  description:
    'Rebuilds a projection from the first event into a shadow schema while its tables keep serving,\n' +
    'then swaps the new tables in (the previous ones stay in archive_<name>). Resumes an interrupted rebuild.',
  options: { fresh: { type: 'boolean', description: 'ignore an interrupted rebuild and start over' } },
  async run({ app, args, options, io }) {
    const name = args[0];
    const bar = io.interactive && !options.json ? new SingleBar({ format: `${name} {bar} {percentage}% | {value}/{total} events | {phase}`, stream: io.err, hideCursor: true }) : null;
    let started = false;
    const onProgress = (progress: RebuildProgress) => {
      if (!bar) return;
      if (!started) {
        bar.start(Math.max(progress.total, 1), progress.processed, { phase: progress.phase });
        started = true;
      }
      bar.setTotal(Math.max(progress.total, progress.processed, 1));
      bar.update(progress.processed, { phase: progress.phase });
    };
    const abort = new AbortController();
    const interrupt = () => abort.abort();
    process.once('SIGINT', interrupt);
    try {
      const result = await app.get(ProjectionRebuildService).rebuild(name, { onProgress, signal: abort.signal, fresh: Boolean(options.fresh) });
      bar?.stop();
      if (options.json) writeLine(io.out, JSON.stringify(result));
      else
        writeLine(
          io.out,
          `Rebuilt ${result.projection}${result.resumed ? ' (resumed)' : ''}: ${result.processed} events, ${result.parked} parked, now at ${result.position ?? 'start'}.`,
        );
    } finally {
      bar?.stop();
      process.removeListener('SIGINT', interrupt);
    }
  },
};
