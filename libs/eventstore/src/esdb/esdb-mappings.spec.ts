import {
  ANY,
  AllStreamResolvedEvent,
  DeadlineExceededError,
  EVENT_TYPE,
  NO_STREAM,
  ResolvedEvent,
  STREAM_EXISTS,
  STREAM_NAME,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import {
  formatEsdbPosition,
  fromEsdbCurrentRevision,
  fromEsdbEvent,
  fromEsdbStreamMetadata,
  mapEsdbError,
  matchesFilter,
  parseEsdbPosition,
  SCHEMA_VERSION_KEY,
  toEsdbDeleteExpectedRevision,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbFilter,
  toEsdbStreamMetadata,
  withoutDataFields,
} from './esdb-mappings';

const metadata = { tenantId: 't1', actorId: 'u1', clientIp: null, correlationId: 'c1', causationId: null };

describe('EventStoreDB adapter mappings', () => {
  describe('expected revisions', () => {
    it.each([
      ['any', ANY],
      ['no_stream', NO_STREAM],
      ['stream_exists', STREAM_EXISTS],
      [-1, NO_STREAM],
      [0, 0n],
      [41, 41n],
    ] as const)('%s → %s', (ours, theirs) => {
      expect(toEsdbExpectedRevision(ours)).toBe(theirs);
    });

    it('refuses nonsense revisions', () => {
      expect(() => toEsdbExpectedRevision(-3)).toThrow('Invalid expected revision');
      expect(() => toEsdbExpectedRevision(1.5)).toThrow('Invalid expected revision');
    });

    it('deletes, which have no STREAM_EXISTS, fall back to ANY', () => {
      expect(toEsdbDeleteExpectedRevision('stream_exists')).toBe(ANY);
      expect(toEsdbDeleteExpectedRevision(3)).toBe(3n);
    });

    it('current revisions come back as numbers, no_stream as -1', () => {
      expect(fromEsdbCurrentRevision(NO_STREAM)).toBe(-1);
      expect(fromEsdbCurrentRevision(7n)).toBe(7);
    });
  });

  describe('errors', () => {
    it('WrongExpectedVersion carries the actual revision', () => {
      const theirs = new EsdbWrongExpectedVersionError(undefined, { streamName: 'voter-t.1', expected: 2n, current: 5n });
      const ours = mapEsdbError(theirs, 'voter-t.1', 2);
      expect(ours).toBeInstanceOf(WrongExpectedVersionError);
      expect(ours).toMatchObject({ streamId: 'voter-t.1', expected: 2, actual: 5 });
    });

    it('WrongExpectedVersion on a missing stream has actual -1', () => {
      const theirs = new EsdbWrongExpectedVersionError(undefined, { streamName: 's-t.1', expected: STREAM_EXISTS, current: NO_STREAM });
      expect(mapEsdbError(theirs, 's-t.1', 'stream_exists')).toMatchObject({ actual: -1, expected: 'stream_exists' });
    });

    it('stream not found and stream deleted', () => {
      expect(mapEsdbError(new EsdbStreamNotFoundError(undefined, 's-t.1'), 's-t.1')).toBeInstanceOf(StreamNotFoundError);
      expect(mapEsdbError(EsdbStreamDeletedError.fromStreamName('s-t.1'), 's-t.1')).toBeInstanceOf(StreamDeletedError);
    });

    it('an unreachable server is EventStoreUnavailable', () => {
      expect(mapEsdbError(new UnavailableError(undefined, '14 UNAVAILABLE: No connection established'), '$all')).toBeInstanceOf(
        EventStoreUnavailableError,
      );
      expect(mapEsdbError(new DeadlineExceededError(undefined, 'deadline'), '$all')).toBeInstanceOf(EventStoreUnavailableError);
      expect(mapEsdbError(Object.assign(new Error('raw grpc'), { code: 14 }), '$all')).toBeInstanceOf(EventStoreUnavailableError);
    });

    it('anything else passes unchanged', () => {
      const other = new Error('boom');
      expect(mapEsdbError(other, 's')).toBe(other);
    });
  });

  describe('positions', () => {
    it('format commit and prepare zero-padded, sortable as text, and parse back', () => {
      const low = formatEsdbPosition({ commit: 999n, prepare: 999n });
      const high = formatEsdbPosition({ commit: 1000n, prepare: 900n });
      expect(low).toBe('00000000000000000999:00000000000000000999');
      expect(low < high).toBe(true);
      expect(parseEsdbPosition(high)).toEqual({ commit: 1000n, prepare: 900n });
      const max = formatEsdbPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n });
      expect(parseEsdbPosition(max)).toEqual({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n });
    });

    it('events of one commit sort by prepare position', () => {
      expect(formatEsdbPosition({ commit: 5n, prepare: 3n }) < formatEsdbPosition({ commit: 5n, prepare: 4n })).toBe(true);
    });

    it('refuses positions of the other adapter', () => {
      expect(() => parseEsdbPosition('start')).toThrow('Not an EventStoreDB position');
    });
  });

  describe('events', () => {
    it('append data is JSON with the schema version in metadata, shaped like the client’s jsonEvent', () => {
      const data = toEsdbEventData({ type: 'VoteCast', schemaVersion: 3, data: { votes: 2 }, metadata }, '0190b7d8-0000-7000-8000-000000000001');
      const reference = jsonEvent({ id: data.id, type: 'VoteCast', data: { votes: 2 }, metadata: { ...metadata, [SCHEMA_VERSION_KEY]: 3 } });
      expect(data).toEqual(reference);
    });

    it('recorded events map back, taking the schema version out of metadata', () => {
      const resolved: AllStreamResolvedEvent = {
        event: {
          streamId: 'voter-t.1',
          id: '0190b7d8-0000-7000-8000-000000000001',
          isJson: true,
          revision: 4n,
          type: 'VoteCast',
          created: new Date('2026-01-01T00:00:00Z'),
          data: { votes: 2 },
          metadata: { ...metadata, [SCHEMA_VERSION_KEY]: 2 },
          position: { commit: 10n, prepare: 8n },
        },
        commitPosition: 10n,
      };
      expect(fromEsdbEvent(resolved)).toEqual({
        id: '0190b7d8-0000-7000-8000-000000000001',
        streamId: 'voter-t.1',
        revision: 4,
        position: '00000000000000000010:00000000000000000008',
        type: 'VoteCast',
        schemaVersion: 2,
        data: { votes: 2 },
        metadata,
        createdAt: new Date('2026-01-01T00:00:00Z'),
      });
    });

    it('system events and unresolved links never surface', () => {
      const system: ResolvedEvent = {
        event: {
          streamId: '$$voter-t.1',
          id: '0190b7d8-0000-7000-8000-000000000002',
          isJson: true,
          revision: 0n,
          type: '$metadata',
          created: new Date(),
          data: {},
          metadata: undefined,
          position: { commit: 1n, prepare: 1n },
        },
      };
      expect(fromEsdbEvent(system)).toBeNull();
      expect(fromEsdbEvent({})).toBeNull();
    });
  });

  describe('stream metadata', () => {
    it('round-trips system fields and custom ones', () => {
      const ours = { maxCount: 10, maxAgeSeconds: 3600, truncateBefore: 4, custom: { owner: 'voting' } };
      const theirs = toEsdbStreamMetadata(ours);
      expect(theirs).toEqual({ maxCount: 10, maxAge: 3600, truncateBefore: 4, owner: 'voting' });
      expect(fromEsdbStreamMetadata(theirs)).toEqual(ours);
      expect(fromEsdbStreamMetadata(undefined)).toEqual({});
      expect(fromEsdbStreamMetadata({ acl: { readRoles: ['$admins'] } })).toEqual({});
    });
  });

  describe('filters', () => {
    it('categories go to the server as stream-name prefixes', () => {
      expect(toEsdbFilter({ streamPrefixes: ['voter-', 'contest-'] })).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['voter-', 'contest-'] });
    });

    it('event types alone become an exact event-type regex', () => {
      const filter = toEsdbFilter({ eventTypes: ['VoteCast', 'Vote.Refunded'] });
      expect(filter).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:VoteCast|Vote\\.Refunded)$' });
      const regex = new RegExp((filter as { regex: string }).regex);
      expect(regex.test('VoteCast')).toBe(true);
      expect(regex.test('VoteCastAgain')).toBe(false);
    });

    it('no filter means none (system events are excluded by the caller)', () => {
      expect(toEsdbFilter(undefined)).toBeUndefined();
    });

    it('client-side matching applies both parts exactly', () => {
      const event = fromEsdbEvent({
        event: {
          streamId: 'voter-t.1',
          id: '0190b7d8-0000-7000-8000-000000000003',
          isJson: true,
          revision: 0n,
          type: 'VoteCast',
          created: new Date(),
          data: {},
          metadata,
          position: { commit: 1n, prepare: 1n },
        },
      })!;
      expect(matchesFilter(event, { streamPrefixes: ['voter-'], eventTypes: ['VoteCast'] })).toBe(true);
      expect(matchesFilter(event, { streamPrefixes: ['voter-'], eventTypes: ['VoteRefunded'] })).toBe(false);
      expect(matchesFilter(event, { streamPrefixes: ['contest-'] })).toBe(false);
      expect(matchesFilter(event, undefined)).toBe(true);
    });
  });

  describe('omitted data fields (ReadAllOptions.omitData)', () => {
    const recorded = (data: unknown) => ({ id: 'e1', streamId: 'voter-t.u', revision: 0, position: 'p', type: 'VoteCast', schemaVersion: 1, data, metadata, createdAt: new Date(0) });

    it('leaves out the named top-level fields and keeps the rest, without touching the stored event', () => {
      const event = recorded({ voteId: 'v1', screening: { score: 33 }, extra: 1 });
      const read = withoutDataFields(event, ['screening', 'absent']);
      expect(read.data).toEqual({ voteId: 'v1', extra: 1 });
      expect(read).toMatchObject({ id: 'e1', type: 'VoteCast', position: 'p' });
      expect(event.data).toEqual({ voteId: 'v1', screening: { score: 33 }, extra: 1 });
    });

    it('returns the same event when there is nothing to leave out', () => {
      for (const event of [recorded({ voteId: 'v1' }), recorded([1, 2]), recorded('text'), recorded(null)]) {
        expect(withoutDataFields(event, ['screening'])).toBe(event);
      }
      const event = recorded({ screening: 1 });
      expect(withoutDataFields(event, [])).toBe(event);
    });

    it('never reaches into nested objects', () => {
      expect(withoutDataFields(recorded({ inner: { screening: 1 } }), ['screening']).data).toEqual({ inner: { screening: 1 } });
    });
  });
});
