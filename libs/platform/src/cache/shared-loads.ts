/**
 * Single flight: readers of one key that arrive while its result is being computed wait for that
 * computation instead of starting their own (a TV audience opening one contest page at once
 * costs one load). A computation started before an invalidation is not shared with readers that
 * arrive after it (`epoch`), since it may predate the change.
 */
export class SharedLoads {
  private readonly running = new Map<string, { epoch: number; result: Promise<unknown> }>();

  run<Value>(key: string, epoch: number, compute: () => Promise<Value>): Promise<Value> {
    const current = this.running.get(key);
    if (current && current.epoch === epoch) return current.result as Promise<Value>;
    const result = compute();
    const entry = { epoch, result };
    this.running.set(key, entry);
    const done = (): void => {
      if (this.running.get(key) === entry) this.running.delete(key);
    };
    result.then(done, done);
    return result;
  }
}
