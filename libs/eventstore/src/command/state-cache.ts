/** A small LRU of folded stream states, keyed by aggregate and stream, valid at `revision`. */
export class StateCache {
  private readonly entries = new Map<string, { revision: number; state: unknown }>();

  constructor(private readonly capacity: number) {}

  get<State>(key: string): { revision: number; state: State } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry as { revision: number; state: State };
  }

  set(key: string, revision: number, state: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { revision, state });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
