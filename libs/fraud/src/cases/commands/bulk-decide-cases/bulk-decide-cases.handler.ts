import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, PROBLEM_BASE_URI, ProblemCatalog } from '@tally/platform';
import { DecideCaseCommand, DecideCaseResult } from '../decide-case/decide-case.command';
import { BulkCaseOutcome, BulkDecideCasesCommand, BulkDecideCasesResult } from './bulk-decide-cases.command';

/**
 * Decides the cases one after another through the single-case command, so a bulk decision is
 * exactly the sum of single ones (same events, same refusals). A domain refusal becomes that
 * case's problem; anything else (the store down) fails the request, and the cases decided
 * before it stay decided — sending the same request again refuses them as already decided.
 */
@CommandHandler(BulkDecideCasesCommand)
export class BulkDecideCasesHandler implements ICommandHandler<BulkDecideCasesCommand, BulkDecideCasesResult> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ input, metadata }: BulkDecideCasesCommand): Promise<BulkDecideCasesResult> {
    const results: BulkCaseOutcome[] = [];
    for (const caseId of input.caseIds) {
      try {
        const decided: DecideCaseResult = await this.commands.execute(new DecideCaseCommand({ caseId, action: input.action, reason: input.reason }, metadata));
        results.push({ caseId, outcome: decided.status, creditsReturned: decided.creditsReturned });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ caseId, outcome: 'refused', problem: problemOf(error as DomainError<string>) });
      }
    }
    const refused = results.filter((result) => result.outcome === 'refused').length;
    return { action: input.action, decided: results.length - refused, refused, results };
  }
}

function problemOf(error: DomainError<string>): NonNullable<BulkCaseOutcome['problem']> {
  const definition = ProblemCatalog.lookup(error.code);
  if (!definition) throw error;
  return { type: `${PROBLEM_BASE_URI}${definition.slug}`, status: definition.status, title: definition.title, detail: error.message };
}
