import { ValidationError } from '@nestjs/common';
import { FieldProblem } from '@tally/platform';

/** Bad input: 422 with one entry per offending field (API.md). */
export class ValidationFailed extends Error {
  constructor(readonly errors: FieldProblem[]) {
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
