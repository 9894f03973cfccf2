import { RecordedEvent } from '../event-store.port';
import { UpcasterRegistry } from './upcaster-registry';

function recorded(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  return {
    id: '0190b7d8-0000-7000-8000-000000000001',
    streamId: 'voter-t.1',
    revision: 0,
    position: '00000000000000000001:0000000000000000001',
    type,
    schemaVersion,
    data,
    metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null },
    createdAt: new Date(0),
  };
}

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register('VoteCast', 1, 2, (data) => ({ ...(data as object), weight: 1 }))
    .register('VoteCast', 2, 4, (data) => {
      const { weight, ...rest } = data as { weight: number };
      return { ...rest, weightMilli: weight * 1000 };
    });

  it('chains every step up to the latest version', () => {
    const event = registry.upcast(recorded('VoteCast', 1, { contestantId: 'c1' }));
    expect(event.schemaVersion).toBe(4);
    expect(event.data).toEqual({ contestantId: 'c1', weightMilli: 1000 });
    expect(registry.latestVersion('VoteCast')).toBe(4);
  });

  it('starts from the stored version and leaves the stored event untouched', () => {
    const stored = recorded('VoteCast', 2, { contestantId: 'c1', weight: 3 });
    const event = registry.upcast(stored);
    expect(event.data).toEqual({ contestantId: 'c1', weightMilli: 3000 });
    expect(stored.data).toEqual({ contestantId: 'c1', weight: 3 });
    expect(stored.schemaVersion).toBe(2);
  });

  it('returns events of other types or already current versions as they are', () => {
    const other = recorded('CreditsGranted', 1, { amount: 5 });
    expect(registry.upcast(other)).toBe(other);
    const current = recorded('VoteCast', 4, { weightMilli: 1 });
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses ambiguous or backwards registrations', () => {
    expect(() => registry.register('VoteCast', 1, 3, (d) => d)).toThrow('already registered');
    expect(() => new UpcasterRegistry().register('X', 2, 2, (d) => d)).toThrow('later one');
    expect(() => new UpcasterRegistry().register('X', 0, 1, (d) => d)).toThrow('later one');
  });
});
