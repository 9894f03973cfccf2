import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { SubjectExport } from './subject-export';

export interface ExportSubjectDataInput {
  userId: string;
  requestedBy: 'subject' | 'staff';
}

/** A subject's right of access: records the request, then gathers their data from every context. */
export class ExportSubjectDataCommand extends TallyCommand<SubjectExport> {
  constructor(
    readonly input: ExportSubjectDataInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
