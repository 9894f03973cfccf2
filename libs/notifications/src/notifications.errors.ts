import { DomainError, ProblemCatalog } from '@tally/platform';

/** Every refusal of the notifications context, with its problem+json mapping. */
export const NOTIFICATIONS_PROBLEMS = {
  'NOTIFICATIONS.INVALID_INPUT': { status: 422, slug: 'validation-failed', title: 'Invalid request' },
  'NOTIFICATIONS.ENDPOINT_NOT_ALLOWED': { status: 422, slug: 'push-endpoint-not-allowed', title: 'The push endpoint is not a push service this server delivers to' },
  'NOTIFICATIONS.TRANSPORT_NOT_CONFIGURED': { status: 422, slug: 'push-transport-not-configured', title: 'This server is not configured for that push transport' },
  'NOTIFICATIONS.TOO_MANY_DEVICES': { status: 409, slug: 'too-many-devices', title: 'The voter has as many push devices as allowed' },
  'NOTIFICATIONS.DEVICE_NOT_FOUND': { status: 404, slug: 'push-device-not-found', title: 'No such push device of yours' },
  'NOTIFICATIONS.NOT_SIGNED_IN': { status: 401, slug: 'unauthenticated', title: 'Sign in first' },
} as const;

export type NotificationsErrorCode = keyof typeof NOTIFICATIONS_PROBLEMS;

ProblemCatalog.register<NotificationsErrorCode>(NOTIFICATIONS_PROBLEMS);

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  constructor(code: NotificationsErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A refusal that names the field at fault, as validation problems do (`errors`). */
export function fieldError(code: NotificationsErrorCode, field: string, message: string): NotificationsError {
  return new NotificationsError(code, message, { errors: [{ field, message }] });
}
