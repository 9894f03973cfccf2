import { signalKeys } from './signal-keys';
import { ObservedSignals, SignalStore, VoteObservation } from './signal-store.port';
import { SignalView } from './signal-view';

/**
 * The signal state of the embedded mode (one process, no Redis): a SignalView holding every key,
 * computed synchronously, so the vote path awaits nothing for it.
 */
export class MemorySignalStore implements SignalStore {
  private readonly view = new SignalView();

  observe(o: VoteObservation): ObservedSignals {
    return this.view.observe(signalKeys('', o), o, true);
  }

  peek(o: VoteObservation): ObservedSignals {
    return this.view.observe(signalKeys('', o), o, false);
  }
}
