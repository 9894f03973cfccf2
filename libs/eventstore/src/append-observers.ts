import { Injectable, Logger } from '@nestjs/common';
import { EventStore, EventToAppend } from './event-store.port';

/** Told of each append once it has committed (not of a failed one); must be cheap and must not throw. */
export type AppendObserver = (streamId: string, events: readonly EventToAppend[]) => void;

/**
 * Who wants to know what was appended in this process, as it happens: the metrics count
 * outcomes (votes, payments, OTP checks) from the events that record them, so no context has
 * to count by hand and a count never disagrees with the log. An append retried with the same
 * event ids (idempotent, nothing new written) is told again; command handlers detect such
 * replays before appending, so in practice it is not.
 */
@Injectable()
export class AppendObservers {
  private readonly logger = new Logger('AppendObservers');
  private observers: AppendObserver[] = [];

  add(observer: AppendObserver): void {
    this.observers = [...this.observers, observer];
  }

  notify(streamId: string, events: readonly EventToAppend[]): void {
    for (const observer of this.observers) {
      try {
        observer(streamId, events);
      } catch (error) {
        this.logger.error({ err: error, streamId }, 'An append observer threw; the append itself stands');
      }
    }
  }
}

/** The store with `append` reporting to the observers after it commits; everything else untouched. */
export function observeAppends<Store extends EventStore>(store: Store, observers: AppendObservers): Store {
  const append = store.append.bind(store);
  store.append = (streamId, events, expectedRevision, options) =>
    append(streamId, events, expectedRevision, options).then((result) => {
      observers.notify(streamId, events);
      return result;
    });
  return store;
}
