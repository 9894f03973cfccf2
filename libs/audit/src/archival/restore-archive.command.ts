import { INestApplicationContext } from '@nestjs/common';
import { DomainError } from '@tally/platform';
import { AuditArchiveJob } from './audit-archive.job';

interface Invocation {
  app: INestApplicationContext;
  args: string[];
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream };
}

/**
 * `audit:restore <archive>` for apps/cli: verifies an audit-log archive (a file name under
 * DATA_DIR/audit-archive) and puts its rows back; prints `{ file, rows, restored }`. Exit 2 for
 * an unknown archive, 1 for one that does not match its manifest (nothing restored).
 */
export const auditRestoreCommand = {
  name: 'audit:restore',
  arguments: '<archive>',
  description: 'Verify an audit-log archive against its manifest and restore its rows into audit_logs (rows already there are kept; running it twice adds nothing).',
  minArgs: 1,
  async run({ app, args, io }: Invocation): Promise<number> {
    try {
      const result = await app.get(AuditArchiveJob).restore(args[0]);
      io.out.write(`${JSON.stringify(result)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      io.err.write(`${error.message}\n`);
      return error.code === 'AUDIT.ARCHIVE_NOT_VERIFIED' ? 1 : 2;
    }
  },
};
