/**
 * A refusal the domain knows about. `code` is stable (e.g. `VOTING.CAP_REACHED`) and each
 * context maps its codes to problem+json once (see ProblemCatalog); controllers never build
 * HTTP exceptions themselves.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A field-level problem, as listed in a validation problem's `errors`. */
export interface FieldProblem {
  field: string;
  message: string;
}
