import type { PushMessage } from '../domain/notification';
import type { PushAddress } from '../domain/push.events';

/** `gone`: the push service no longer knows the device (404/410): the subscription is removed. */
export type PushOutcome = 'sent' | 'gone';

/** Hands one message to one device's push service; throws when it could not (the reactor retries). */
export interface PushSender {
  send(address: PushAddress, message: PushMessage): Promise<PushOutcome>;
}

export const PUSH_SENDER = Symbol('PushSender');

/** A push service refused or could not be reached; `status` is its HTTP status, when it answered. */
export class PushSendError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'PushSendError';
  }
}
