import { DomainError, ProblemCatalog } from '@tally/platform';

ProblemCatalog.register({
  'IDENTITY.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
});

/**
 * A field-level refusal raised after DTO validation (password rules, phone numbers): 422 with
 * the problem's `errors` naming the field, like the validation pipe's own answers.
 */
export class ValidationProblem extends DomainError {
  constructor(field: string, message: string, code: 'IDENTITY.INVALID_INPUT' | 'IDENTITY.WEAK_PASSWORD' | 'IDENTITY.INVALID_PHONE' = 'IDENTITY.INVALID_INPUT') {
    super(code, message, { errors: [{ field, message }] });
  }
}
