import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ArchiveRestore, ARCHIVE_FILE } from './audit-archive.job';

export class RestoreArchiveRequest {
  @ApiProperty({ pattern: ARCHIVE_FILE.source, description: "The archive's file name, as the archival job wrote it under DATA_DIR/audit-archive.", example: 'audit-logs-100-0-2310-0.jsonl.gz' })
  @IsString()
  @Matches(ARCHIVE_FILE, { message: 'file must be an archive name like audit-logs-<from>-<to>.jsonl.gz (no path)' })
  file!: string;
}

export class ArchiveRestoreResponse implements ArchiveRestore {
  @ApiProperty({ example: 'audit-logs-100-0-2310-0.jsonl.gz' }) file!: string;
  @ApiProperty({ description: 'Rows in the archive.', example: 120 }) rows!: number;
  @ApiProperty({ description: 'Rows that were missing and are back now (0 when restored before).', example: 120 }) restored!: number;
}
