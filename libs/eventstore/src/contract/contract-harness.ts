import { AppendOptions, EventStore, EventToAppend, ExpectedRevision } from '../event-store.port';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';

/** A transaction held open on a connection of its own, for the out-of-order commit cases (§4.9). */
export interface OpenTransaction {
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, options?: AppendOptions): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface ContractHarness {
  store: EventStore;
  /** The registry `store` applies on reads. */
  upcasters: UpcasterRegistry;
  /** Present only where two transactions can be in flight at once (not PGlite, not ESDB). */
  openTransaction?: () => Promise<OpenTransaction>;
  close(): Promise<void>;
}

export interface ContractTarget {
  create(): Promise<ContractHarness>;
  /** Whether `openTransaction` exists; when not, the §4.9 cases are skipped with `reason`. */
  openTransactions: { supported: true } | { supported: false; reason: string };
}
