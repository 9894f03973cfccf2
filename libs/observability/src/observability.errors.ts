import { DomainError, ProblemCatalog } from '@tally/platform';

export type ObservabilityErrorCode = 'OBSERVABILITY.METRICS_TOKEN_REQUIRED' | 'OBSERVABILITY.METRICS_NOT_SERVED';

ProblemCatalog.register<ObservabilityErrorCode>({
  'OBSERVABILITY.METRICS_TOKEN_REQUIRED': { status: 401, slug: 'metrics-token-required', title: 'The metrics token is required' },
  // Served nowhere on this port, so it answers as an unknown route would.
  'OBSERVABILITY.METRICS_NOT_SERVED': { status: 404, slug: 'metrics-not-served', title: 'Not found' },
});

export function observabilityError(code: ObservabilityErrorCode, message: string): DomainError<ObservabilityErrorCode> {
  return new DomainError(code, message);
}
