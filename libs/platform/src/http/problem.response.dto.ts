import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { FieldProblem } from '../errors/domain-error';
import { Problem } from '../errors/problem';

/** One field a validation problem names (the `errors` member of a 422). */
@ApiSchema({ name: 'FieldProblem' })
export class FieldProblemResponse implements FieldProblem {
  @ApiProperty({ description: 'The field, as sent (dots for nested fields, or a header name).', example: 'amount' })
  field!: string;

  @ApiProperty({ example: 'amount must not be less than 1' })
  message!: string;
}

/**
 * The body of every error (RFC 9457, application/problem+json). Named `Problem` in the document;
 * the class has another name so it does not shadow the `Problem` interface the filter builds.
 */
@ApiSchema({ name: 'Problem', description: 'An RFC 9457 problem; `type` is stable and safe to switch on.' })
export class ProblemResponse implements Problem {
  [extension: string]: unknown;

  @ApiProperty({ format: 'uri', description: 'Stable problem type URI.', example: 'https://tally.dev/problems/vote-cap-reached' })
  type!: string;

  @ApiProperty({ example: 'Vote cap reached' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 422 })
  status!: number;

  @ApiProperty({ description: 'What went wrong with this request, for people.', example: 'This vote would pass the event cap of 100 votes' })
  detail!: string;

  @ApiProperty({ description: 'The request path.', example: '/api/votes' })
  instance!: string;

  @ApiPropertyOptional({ type: [FieldProblemResponse], description: 'The fields a validation problem refused.' })
  errors?: FieldProblemResponse[];

  @ApiPropertyOptional({ description: 'The domain error code behind a domain problem.', example: 'VOTING.CAP_REACHED' })
  code?: string;
}
