import { PipeTransform } from '@nestjs/common';
import { FieldProblem, isUuid, MAX_INT32 } from '@tally/platform';
import { VotingError } from '../../voting.errors';
import { CastVoteRequest } from './cast-vote.request.dto';

const FIELDS = new Set(['contestantId', 'amount', 'eventId']);

/** The vote body, checked field by field; unknown fields are refused, as everywhere else. */
export function parseCastVoteRequest(body: unknown): CastVoteRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    // 400 like every other body that is not an object (the global pipe's rule, docs/architecture.md).
    throw new VotingError('VOTING.MALFORMED_BODY', 'the body must be a JSON object', { errors: [{ field: 'body', message: 'the body must be a JSON object' }] });
  }
  const fields = body as Record<string, unknown>;
  const errors: FieldProblem[] = [];
  for (const field of Object.keys(fields)) if (!FIELDS.has(field)) errors.push({ field, message: `property ${field} should not exist` });
  const { contestantId, amount, eventId } = fields;
  if (!isUuid(contestantId)) errors.push({ field: 'contestantId', message: 'contestantId must be a UUID' });
  // Bounded like every count (votes.amount is an integer column); the event's own maxVotesPerRequest is the decider's.
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_INT32) errors.push({ field: 'amount', message: `amount must be a whole number from 1 to ${MAX_INT32}` });
  if (eventId !== undefined && !isUuid(eventId)) errors.push({ field: 'eventId', message: 'eventId must be a UUID' });
  if (errors.length > 0) throw invalid(errors);
  return { contestantId: contestantId as string, amount: amount as number, eventId: eventId as string | undefined };
}

function invalid(errors: FieldProblem[]): VotingError {
  return new VotingError('VOTING.INVALID_INPUT', errors.map((error) => error.message).join('; '), { errors });
}

/** `@Body(CastVoteRequestPipe)`: runs after the guards, like the global validation would. */
export class CastVoteRequestPipe implements PipeTransform<unknown, CastVoteRequest> {
  transform(value: unknown): CastVoteRequest {
    return parseCastVoteRequest(value);
  }
}
