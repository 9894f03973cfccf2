import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, PG_POOL, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { Pool } from 'pg';
import { AUDIT_CONFIG, AuditConfig } from '../audit.config';
import { AuditError } from '../audit.errors';

export interface ArchiveManifest {
  file: string;
  rows: number;
  before: string;
  fromPosition: string | null;
  toPosition: string | null;
  /** SHA-256 of the gzip file as written. */
  sha256: string;
}

/** What a restore did: the archive's rows, and how many of them were missing and put back now. */
export interface ArchiveRestore {
  file: string;
  rows: number;
  restored: number;
}

/** The names archive() gives; anything else (a path, `..`) is refused before the disk is touched. */
export const ARCHIVE_FILE = /^audit-logs-[0-9a-z-]{1,120}\.jsonl\.gz$/;

const COLUMNS = 'log_id, position, tenant_id, user_id, action, resource, timestamp, changes, ip_network';

/**
 * Weekly archival of `audit_logs`: rows older than AUDIT_ARCHIVE_AFTER_DAYS move to a gzip JSON
 * Lines file under DATA_DIR/audit-archive with a manifest holding its SHA-256; the rows are
 * deleted in the same transaction that read them, after the file is written. `restore` verifies
 * the hash and brings back identical rows. (A rebuild of audit.trail brings archived rows back
 * too: the log is the source; run the archival again after one.)
 */
@RegisteredJob()
@Injectable()
export class AuditArchiveJob implements ScheduledJob {
  readonly name = 'audit.archive';
  readonly schedule = { cron: '30 3 * * 0' };

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run(): Promise<ArchiveManifest | null> {
    return this.archive(new Date(this.clock.now().getTime() - this.config.archiveAfterDays * 24 * 3600 * 1000));
  }

  async archive(before: Date): Promise<ArchiveManifest | null> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<Record<string, unknown>>(
        `select ${COLUMNS} from audit_logs where timestamp < $1 order by position for update`,
        [before],
      );
      if (rows.length === 0) {
        await client.query('rollback');
        return null;
      }
      const body = gzipSync(rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
      const dir = join(this.platform.dataDir, 'audit-archive');
      mkdirSync(dir, { recursive: true });
      const file = `audit-logs-${String(rows[0].position).replace(':', '-')}-${String(rows[rows.length - 1].position).replace(':', '-')}.jsonl.gz`;
      writeFileSync(join(dir, file), body);
      const manifest: ArchiveManifest = {
        file,
        rows: rows.length,
        before: before.toISOString(),
        fromPosition: String(rows[0].position),
        toPosition: String(rows[rows.length - 1].position),
        sha256: createHash('sha256').update(body).digest('hex'),
      };
      writeFileSync(join(dir, `${file}.manifest.json`), JSON.stringify(manifest, null, 2));
      await client.query('delete from audit_logs where timestamp < $1 and position <= $2', [before, manifest.toPosition]);
      await client.query('commit');
      return manifest;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Verifies an archive against its manifest and puts its rows back. Idempotent: rows still
   * present (or restored before) are left as they are, so a second restore adds nothing.
   * `file` is the archive's name as archive() gave it (its manifest's name is accepted too).
   */
  async restore(file: string): Promise<ArchiveRestore> {
    const name = file.replace(/\.manifest\.json$/, '');
    if (!ARCHIVE_FILE.test(name)) throw new AuditError('AUDIT.ARCHIVE_NOT_FOUND', `No audit archive "${file}": names look like audit-logs-<from>-<to>.jsonl.gz`, { file });
    const dir = join(this.platform.dataDir, 'audit-archive');
    if (!existsSync(join(dir, `${name}.manifest.json`)) || !existsSync(join(dir, name))) {
      throw new AuditError('AUDIT.ARCHIVE_NOT_FOUND', `No audit archive ${name} (with its manifest) in ${dir}`, { file: name });
    }
    const manifest = JSON.parse(readFileSync(join(dir, `${name}.manifest.json`), 'utf8')) as ArchiveManifest;
    const body = readFileSync(join(dir, name));
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (sha256 !== manifest.sha256 || manifest.file !== name) {
      throw new AuditError('AUDIT.ARCHIVE_NOT_VERIFIED', `Archive ${name} does not match its manifest (sha256 ${sha256}, expected ${manifest.sha256}): nothing restored`, { file: name });
    }
    const lines = gunzipSync(body).toString('utf8').split('\n').filter(Boolean);
    const result = await this.pool.query(
      `insert into audit_logs (${COLUMNS})
       select ${COLUMNS} from jsonb_populate_recordset(null::audit_logs, $1::jsonb) on conflict (log_id) do nothing`,
      [`[${lines.join(',')}]`],
    );
    return { file: name, rows: lines.length, restored: result.rowCount ?? 0 };
  }
}
