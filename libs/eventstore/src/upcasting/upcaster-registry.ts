import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '../event-store.port';

/** Lifts the data of one event type from one schema version to a later one. Must be pure. */
export type UpcastFn = (data: unknown, event: RecordedEvent) => unknown;

export interface Upcaster {
  eventType: string;
  fromVersion: number;
  toVersion: number;
  upcast: UpcastFn;
}

/**
 * The port-level upcaster registry (EVENTSTORE.md §3): stored events are never rewritten;
 * every read path of every adapter passes events through `upcast`, so handlers, deciders and
 * projections only ever see the latest schema version of a type. Contexts register their
 * upcasters once, at module init (inject this class).
 */
@Injectable()
export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  register(eventType: string, fromVersion: number, toVersion: number, upcast: UpcastFn): this {
    if (!Number.isInteger(fromVersion) || !Number.isInteger(toVersion) || fromVersion < 1 || toVersion <= fromVersion) {
      throw new Error(`Upcaster for ${eventType} must go from a version ≥ 1 to a later one, got ${fromVersion} → ${toVersion}`);
    }
    let versions = this.byType.get(eventType);
    if (!versions) {
      versions = new Map();
      this.byType.set(eventType, versions);
    }
    if (versions.has(fromVersion)) throw new Error(`An upcaster for ${eventType} v${fromVersion} is already registered`);
    versions.set(fromVersion, { eventType, fromVersion, toVersion, upcast });
    return this;
  }

  /** The newest version reachable from `version` for this type (itself when nothing applies). */
  latestVersion(eventType: string, version = 1): number {
    const versions = this.byType.get(eventType);
    let current = version;
    for (let step = versions?.get(current); step; step = versions?.get(current)) current = step.toVersion;
    return current;
  }

  /** Returns the event lifted to the latest version of its type; the same object when nothing applies. */
  upcast<Data = unknown>(event: RecordedEvent): RecordedEvent<Data> {
    const versions = this.byType.get(event.type);
    if (!versions) return event as RecordedEvent<Data>;
    let current = event;
    for (let step = versions.get(current.schemaVersion); step; step = versions.get(current.schemaVersion)) {
      current = { ...current, data: step.upcast(current.data, current), schemaVersion: step.toVersion };
    }
    return current as RecordedEvent<Data>;
  }

  get isEmpty(): boolean {
    return this.byType.size === 0;
  }
}
