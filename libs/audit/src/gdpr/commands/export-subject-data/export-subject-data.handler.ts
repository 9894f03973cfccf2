import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, StreamDecider } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { GdprEvent, gdprStream } from '../../domain/gdpr.events';
import { ExportSubjectDataCommand } from './export-subject-data.command';
import { decideExportSubjectData } from './export-subject-data.decide';
import { SubjectDataGatherer } from './subject-data.gatherer';
import { SubjectExport } from './subject-export';

/** The requests are only counted and listed; nothing is decided on their history. */
const gdprDecider: StreamDecider<null, GdprEvent> = { aggregate: 'gdpr', initialState: () => null, evolve: () => null };

/**
 * Gathers first (an unknown user is a 404 and records nothing), then records the request on the
 * subject's GDPR stream, which the audit trail and the tenant's compliance report pick up.
 */
@CommandHandler(ExportSubjectDataCommand)
export class ExportSubjectDataHandler implements ICommandHandler<ExportSubjectDataCommand, SubjectExport> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly gatherer: SubjectDataGatherer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ExportSubjectDataCommand): Promise<SubjectExport> {
    const gathered = await this.gatherer.gather(metadata.tenantId, input.userId);
    const now = this.clock.now();
    await this.runner.run({ decider: gdprDecider, streamId: gdprStream(metadata.tenantId, input.userId), decide: () => decideExportSubjectData(input.userId, input.requestedBy, now) }, metadata);
    return { subject: { tenantId: metadata.tenantId, userId: input.userId, exportedAt: now.toISOString(), requestedBy: input.requestedBy }, ...gathered };
  }
}
