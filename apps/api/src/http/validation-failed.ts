import { ValidationError } from '@nestjs/common';
import { FieldProblem } from '@tally/platform';

/**
 * Where bad input was found decides its answer (docs/architecture.md, error rules): a body that
 * is not a JSON object is 400, a path parameter that cannot name anything is 400 naming it, a
 * body field or query parameter that is refused is 422 naming it.
 */
export type InputLocation = 'body' | 'field' | 'path';

export const INPUT_PROBLEMS: Record<InputLocation, { status: 400 | 422; slug: string; title: string }> = {
  body: { status: 400, slug: 'malformed-body', title: 'The body must be a JSON object' },
  field: { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  path: { status: 400, slug: 'invalid-parameter', title: 'Invalid path parameter' },
};

/** Bad input, with one entry per offending field (API.md). */
export class ValidationFailed extends Error {
  constructor(
    readonly errors: FieldProblem[],
    readonly location: InputLocation = 'field',
  ) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'ValidationFailed';
  }

  static fromClassValidator(errors: ValidationError[], parent = ''): ValidationFailed {
    return new ValidationFailed(flatten(errors, parent));
  }
}

function flatten(errors: ValidationError[], parent: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
