/**
 * An immutable map whose writes cost O(√n) instead of O(n). A voter's stream folds one vote
 * at a time, and the command runner may hand one cached state to several readers, so states
 * are never mutated; copying a whole map per vote made a heavy voter's every vote cost as much
 * as all their earlier ones together. Here a write copies only a small head layer over a frozen,
 * shared base, and the head is folded into a new base once it outgrows √(base size).
 *
 * Iteration follows first insertion, as a Map does: overwriting a key keeps its place.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private static readonly MIN_HEAD = 32;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly head: ReadonlyMap<K, V>,
    readonly size: number,
  ) {}

  static empty<K, V>(): LayeredMap<K, V> {
    return new LayeredMap<K, V>(new Map(), new Map(), 0);
  }

  get(key: K): V | undefined {
    return this.head.has(key) ? this.head.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.head.has(key) || this.base.has(key);
  }

  /** A new map with `key` set; `keep` decides, when layers are folded, which entries survive. */
  with(key: K, value: V, keep?: (value: V) => boolean): LayeredMap<K, V> {
    const size = this.has(key) ? this.size : this.size + 1;
    const next = new LayeredMap<K, V>(this.base, new Map(this.head).set(key, value), size);
    if (next.head.size < Math.max(LayeredMap.MIN_HEAD, Math.sqrt(this.base.size))) return next;
    const base = new Map<K, V>();
    for (const [k, v] of next.entries()) if (!keep || keep(v)) base.set(k, v);
    return new LayeredMap<K, V>(base, new Map<K, V>(), base.size);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.head.has(key) ? (this.head.get(key) as V) : value];
    for (const [key, value] of this.head) if (!this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
