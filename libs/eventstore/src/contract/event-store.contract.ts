import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { EventStore, RecordedEvent, Subscription } from '../event-store.port';
import { appendConditionsContract } from './append-conditions.contract';
import type { ContractHarness, ContractTarget } from './contract-harness';
import { events, expectWrongVersion, isAscending, newCategory, readAllEventually, sleep, streamOf, waitFor } from './contract-fixtures';

// The harness types have a file of their own so the contract's parts import them without a cycle.
export type { ContractHarness, ContractTarget, OpenTransaction } from './contract-harness';

/**
 * The event store contract (EVENTSTORE.md §4 cases 1–7, 9, 10 and the upcast part of 13),
 * run against every adapter. Each test works in a category of its own, so tests share one
 * store and still see only their own events.
 */
export function eventStoreContract(target: ContractTarget): void {
  let harness: ContractHarness;
  let store: EventStore;

  beforeAll(async () => {
    harness = await target.create();
    store = harness.store;
  });

  afterAll(async () => {
    await harness?.close();
  });

  describe('§4.1 NO_STREAM', () => {
    it('creates a stream with revisions 0..n-1', async () => {
      const stream = streamOf(newCategory());
      const result = await store.append(stream, events(3), 'no_stream');
      expect(result.nextExpectedRevision).toBe(2);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
    });

    it('refuses an existing stream, carrying the actual revision', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(2), 'no_stream');
      await expectWrongVersion(store.append(stream, events(1), 'no_stream'), stream, 'no_stream', 1);
    });
  });

  describe('§4.2 STREAM_EXISTS, exact revision, ANY', () => {
    it('STREAM_EXISTS fails on a missing stream and succeeds on an existing one', async () => {
      const stream = streamOf(newCategory());
      await expectWrongVersion(store.append(stream, events(1), 'stream_exists'), stream, 'stream_exists', -1);
      await store.append(stream, events(1), 'no_stream');
      expect((await store.append(stream, events(1), 'stream_exists')).nextExpectedRevision).toBe(1);
    });

    it('an exact revision succeeds only when it is the current one', async () => {
      const stream = streamOf(newCategory());
      await expectWrongVersion(store.append(stream, events(1), 0), stream, 0, -1);
      await store.append(stream, events(2), 'no_stream');
      expect((await store.append(stream, events(1), 1)).nextExpectedRevision).toBe(2);
      await expectWrongVersion(store.append(stream, events(1), 1), stream, 1, 2);
      await expectWrongVersion(store.append(stream, events(1), 7), stream, 7, 2);
      expect((await store.append(stream, events(2), 2)).nextExpectedRevision).toBe(4);
    });

    it('ANY always appends', async () => {
      const stream = streamOf(newCategory());
      expect((await store.append(stream, events(1), 'any')).nextExpectedRevision).toBe(0);
      expect((await store.append(stream, events(2), 'any')).nextExpectedRevision).toBe(2);
      expect(await store.readStream(stream)).toHaveLength(3);
    });
  });

  describe('§4.3 concurrent appends', () => {
    it('of 20 appends with the same exact expectation exactly one wins', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(1), 'no_stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(stream, events(2), 0)));
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const outcome of lost) expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
    });

    it('of 20 appends creating the same stream exactly one wins', async () => {
      const stream = streamOf(newCategory());
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(stream, events(1), 'no_stream')));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0]);
    });

    it('20 parallel ANY appends leave no holes or duplicates, each batch contiguous', async () => {
      const stream = streamOf(newCategory());
      const batches = Array.from({ length: 20 }, (_, batch) => events(2, { batch }));
      await Promise.all(batches.map((batch) => store.append(stream, batch, 'any')));
      const read = await store.readStream<{ batch: number }>(stream);
      expect(read.map((event) => event.revision)).toEqual(Array.from({ length: 40 }, (_, index) => index));
      for (let index = 0; index < 40; index += 2) expect(read[index].data.batch).toBe(read[index + 1].data.batch);
      expect(new Set(read.map((event) => event.data.batch)).size).toBe(20);
    });
  });

  describe('§4.4 multi-event appends', () => {
    it('are contiguous in the stream and adjacent in the global log', async () => {
      const category = newCategory();
      const stream = streamOf(category);
      await store.append(streamOf(category), events(1), 'no_stream');
      const result = await store.append(stream, events(5), 'no_stream');
      await store.append(streamOf(category), events(1), 'no_stream');
      const read = await store.readStream(stream);
      expect(read.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(read[4].position).toBe(result.position);
      const log = await readAllEventually(store, { streamPrefixes: [`${category}-`] }, 7);
      expect(log.map((event) => event.streamId)).toEqual([expect.any(String), stream, stream, stream, stream, stream, expect.any(String)]);
      expect(isAscending(log.map((event) => event.position))).toBe(true);
    });

    it('write nothing when refused', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(1), 'no_stream');
      await expect(store.append(stream, events(4), 5)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });

  describe('§4.5 idempotent retries', () => {
    it('a retry with the same ids and NO_STREAM succeeds and writes nothing', async () => {
      const stream = streamOf(newCategory());
      const batch = events(2);
      const first = await store.append(stream, batch, 'no_stream');
      const again = await store.append(stream, batch, 'no_stream');
      expect(again).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('a retry with the same ids and the same exact revision succeeds and writes nothing', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(2), 'no_stream');
      const batch = events(2);
      const first = await store.append(stream, batch, 1);
      await store.append(stream, events(1), 3);
      const again = await store.append(stream, batch, 1);
      expect(again).toEqual(first);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('a partial overlap is a conflict', async () => {
      const stream = streamOf(newCategory());
      const batch = events(2);
      await store.append(stream, batch, 'no_stream');
      await expect(store.append(stream, [batch[0], ...events(1)], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append(stream, [batch[1], ...events(1)], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('under ANY a retry writes no duplicate (best effort)', async () => {
      const stream = streamOf(newCategory());
      const batch = events(1);
      const first = await store.append(stream, batch, 'any');
      expect(await store.append(stream, batch, 'any')).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('the same event id may appear in another stream', async () => {
      const category = newCategory();
      const batch = events(1);
      await store.append(streamOf(category), batch, 'no_stream');
      const other = streamOf(category);
      await store.append(other, batch, 'no_stream');
      expect((await store.readStream(other))[0].id).toBe(batch[0].id);
    });
  });

  describe('§4.6 reads', () => {
    let category: string;
    let stream: string;
    let all: RecordedEvent[];

    beforeAll(async () => {
      category = newCategory();
      stream = streamOf(category);
      await store.append(stream, events(5, {}, 'Counted'), 'no_stream');
      await store.append(streamOf(category), events(2, {}, 'Other'), 'no_stream');
      all = await readAllEventually(store, { streamPrefixes: [`${category}-`] }, 7);
    });

    it('readStream forwards and backwards', async () => {
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect((await store.readStream(stream, { direction: 'backwards' })).map((event) => event.revision)).toEqual([4, 3, 2, 1, 0]);
    });

    it('readStream from a revision (inclusive) and with maxCount', async () => {
      expect((await store.readStream(stream, { fromRevision: 2 })).map((event) => event.revision)).toEqual([2, 3, 4]);
      expect((await store.readStream(stream, { direction: 'backwards', fromRevision: 2 })).map((event) => event.revision)).toEqual([2, 1, 0]);
      expect((await store.readStream(stream, { maxCount: 2 })).map((event) => event.revision)).toEqual([0, 1]);
      expect((await store.readStream(stream, { direction: 'backwards', maxCount: 2 })).map((event) => event.revision)).toEqual([4, 3]);
      expect(await store.readStream(stream, { fromRevision: 9 })).toEqual([]);
    });

    it('readStream returns what was appended', async () => {
      const [first] = await store.readStream(stream, { maxCount: 1 });
      expect(first).toMatchObject({ streamId: stream, revision: 0, type: 'Counted', schemaVersion: 1, data: { n: 0 } });
      expect(first.metadata.tenantId).toBe('tenant-contract');
      expect(typeof first.metadata.correlationId).toBe('string');
      expect(first.createdAt).toBeInstanceOf(Date);
    });

    it('data and metadata come back exactly as appended, whatever characters and JSON values they hold, by every append path', async () => {
      // Quotes, backslashes, braces and commas (what array literals escape), unicode, and every JSON value.
      const awkward = [
        { text: 'say "hi", {x}, \\ back\\slash \\"quoted\\" \\u0041 NULL', nested: [[1, '2', null], { a: [] }], empty: '' },
        { text: 'emoji 🗳️, CJK 投票, RTL تصويت, line\nbreak\ttab, separator \u2028', big: 12345678901234, small: -0.5, yes: true, no: false, none: null },
        'a top-level string with "quotes"',
        42,
        null,
        [{ deep: { deeper: ['{', '}', ',', '"'] } }],
      ];
      const withData = (data: unknown) => {
        const [event] = events(1);
        return { ...event, data, metadata: { ...event.metadata, actorId: 'actor "one", {1}', clientIp: '2001:db8::1' } };
      };
      const together = streamOf(newCategory());
      await store.append(together, awkward.map(withData), 'no_stream');
      // Six single-event appends at once: on PostgreSQL the first go alone (es_append) and the rest wait and go
      // together (es_append_many, group commit), so both statements carry awkward data.
      const apart = awkward.map(() => streamOf(newCategory()));
      await Promise.all(apart.map((id, i) => store.append(id, [withData(awkward[i])], 'no_stream')));
      const read = await store.readStream(together);
      expect(read.map((event) => event.data)).toEqual(awkward);
      expect(read.map((event) => [event.metadata.actorId, event.metadata.clientIp])).toEqual(awkward.map(() => ['actor "one", {1}', '2001:db8::1']));
      for (const [i, id] of apart.entries()) expect((await store.readStream(id)).map((event) => event.data)).toEqual([awkward[i]]);
    });

    it('readStream of a missing stream throws StreamNotFound', async () => {
      await expect(store.readStream(streamOf(category))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('readAll from the start in global order', () => {
      expect(all).toHaveLength(7);
      expect(all.slice(0, 5).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(isAscending(all.map((event) => event.position))).toBe(true);
    });

    it('readAll from an exclusive position, with maxCount', async () => {
      const rest = await store.readAll({ from: all[2].position, filter: { streamPrefixes: [`${category}-`] } });
      expect(rest.map((event) => event.id)).toEqual(all.slice(3).map((event) => event.id));
      const two = await store.readAll({ from: all[2].position, maxCount: 2, filter: { streamPrefixes: [`${category}-`] } });
      expect(two.map((event) => event.id)).toEqual(all.slice(3, 5).map((event) => event.id));
    });

    it('readAll backwards, from the end and from an exclusive position', async () => {
      const filter = { streamPrefixes: [`${category}-`] };
      const backwards = await store.readAll({ direction: 'backwards', filter });
      expect(backwards.map((event) => event.id)).toEqual([...all].reverse().map((event) => event.id));
      const before = await store.readAll({ direction: 'backwards', from: all[3].position, maxCount: 2, filter });
      expect(before.map((event) => event.id)).toEqual([all[2].id, all[1].id]);
    });

    it('readAll filters by event type and by stream prefix', async () => {
      const others = await store.readAll({ filter: { streamPrefixes: [`${category}-`], eventTypes: ['Other'] } });
      expect(others.map((event) => event.type)).toEqual(['Other', 'Other']);
      const one = await store.readAll({ filter: { streamPrefixes: [stream] } });
      expect(one.map((event) => event.streamId)).toEqual([stream, stream, stream, stream, stream]);
    });

    it('readAll leaves out the data fields a reader names (omitData), only from the events that have them', async () => {
      const detailed = newCategory();
      const withDetail = events(2, { detail: { factors: [{ signal: 'a', risk: 0.25 }] }, kept: 'yes' }, 'Detailed');
      // Data that is not an object comes back as it is, even when it names the field.
      const [array, scalar] = events(2).map((event, i) => ({ ...event, data: i === 0 ? ['detail', 'kept'] : 'detail' }));
      await store.append(streamOf(detailed), [...withDetail, ...events(1, { kept: 'plain' }, 'Plain'), array, scalar], 'no_stream');
      const full = await readAllEventually(store, { streamPrefixes: [`${detailed}-`] }, 5);
      expect(full.map((event) => event.data)).toEqual([
        { n: 0, detail: { factors: [{ signal: 'a', risk: 0.25 }] }, kept: 'yes' },
        { n: 1, detail: { factors: [{ signal: 'a', risk: 0.25 }] }, kept: 'yes' },
        { n: 0, kept: 'plain' },
        ['detail', 'kept'],
        'detail',
      ]);
      const lean = await store.readAll({ filter: { streamPrefixes: [`${detailed}-`] }, omitData: ['detail', 'absent'] });
      expect(lean.map((event) => event.data)).toEqual([{ n: 0, kept: 'yes' }, { n: 1, kept: 'yes' }, { n: 0, kept: 'plain' }, ['detail', 'kept'], 'detail']);
      expect(lean.map(({ data: _data, ...rest }) => rest)).toEqual(full.map(({ data: _data, ...rest }) => rest));
      const last = await store.readAll({ direction: 'backwards', from: 'end', filter: { streamPrefixes: [`${detailed}-`], eventTypes: ['Detailed'] }, maxCount: 1, omitData: ['detail'] });
      expect(last.map((event) => event.data)).toEqual([{ n: 1, kept: 'yes' }]);
    });

    it('headPosition is at or after the newest event', async () => {
      const head = await store.headPosition();
      expect(head).not.toBeNull();
      expect(head! >= all[all.length - 1].position).toBe(true);
    });

    // Optional: an adapter offers a working census or none (the projection runner then reads).
    it('headCensus, where offered, gives the visible head and the distinct types in (since, head]', async () => {
      if (!store.headCensus) {
        expect(store.headCensus).toBeUndefined();
        return;
      }
      const censused = newCategory();
      const filter = { streamPrefixes: [`${censused}-`] };
      await store.append(streamOf(censused), events(1, {}, 'CensusStart'), 'no_stream');
      const [since] = await readAllEventually(store, filter, 1);
      await store.append(streamOf(censused), [...events(2, {}, 'CensusOne'), ...events(1, {}, 'CensusTwo')], 'no_stream');
      await store.append(streamOf(censused), events(1, {}, 'CensusOne'), 'no_stream');
      const appended = await readAllEventually(store, filter, 5);
      const census = await store.headCensus(since.position);
      expect(census.head! >= appended[4].position).toBe(true);
      expect(census.head! <= (await store.headPosition())!).toBe(true);
      expect([...census.eventTypes].sort()).toEqual(['CensusOne', 'CensusTwo']);
      expect(await store.headCensus(appended[1].position)).toMatchObject({ eventTypes: new Set(['CensusOne', 'CensusTwo']) });
      expect(await store.headCensus(census.head!)).toEqual({ head: census.head, eventTypes: new Set() });
    });
  });

  describe('§4.7 catch-up subscriptions', () => {
    it('deliver history, signal caughtUp, then live events, in order and each once', async () => {
      const category = newCategory();
      await store.append(streamOf(category), events(3), 'no_stream');
      const seen: RecordedEvent[] = [];
      const batchSizes: number[] = [];
      const subscription = store.subscribe({ from: 'start', filter: { streamPrefixes: [`${category}-`] }, batchSize: 2 }, async (batch) => {
        batchSizes.push(batch.length);
        seen.push(...batch);
      });
      try {
        await subscription.caughtUp;
        expect(seen).toHaveLength(3);
        const live = streamOf(category);
        await store.append(live, events(2), 'no_stream');
        await store.append(live, events(1), 1);
        await waitFor(() => seen.length >= 6);
        await sleep(300);
        expect(seen).toHaveLength(6);
        expect(new Set(seen.map((event) => event.id)).size).toBe(6);
        expect(isAscending(seen.map((event) => event.position))).toBe(true);
        expect(Math.max(...batchSizes)).toBeLessThanOrEqual(2);
        expect(seen.slice(3).map((event) => event.revision)).toEqual([0, 1, 2]);
      } finally {
        await subscription.stop();
      }
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it('start after an exclusive position and filter by type', async () => {
      const category = newCategory();
      const stream = streamOf(category);
      await store.append(stream, [...events(2, {}, 'Wanted'), ...events(1, {}, 'Unwanted'), ...events(1, {}, 'Wanted')], 'no_stream');
      const [first] = await store.readStream(stream, { maxCount: 1 });
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe(
        { from: first.position, filter: { streamPrefixes: [`${category}-`], eventTypes: ['Wanted'] } },
        async (batch) => void seen.push(...batch),
      );
      try {
        await subscription.caughtUp;
        expect(seen.map((event) => event.revision)).toEqual([1, 3]);
        await store.append(stream, [...events(1, {}, 'Unwanted'), ...events(1, {}, 'Wanted')], 3);
        await waitFor(() => seen.length >= 3);
        expect(seen.map((event) => event.revision)).toEqual([1, 3, 5]);
      } finally {
        await subscription.stop();
      }
    });

    it('catches up at once when nothing matches', async () => {
      const subscription = store.subscribe({ from: 'start', filter: { streamPrefixes: [`${newCategory()}-`] } }, async () => undefined);
      await subscription.caughtUp;
      await subscription.stop();
    });

    it('stop and reject done when the handler throws', async () => {
      const category = newCategory();
      await store.append(streamOf(category), events(1), 'no_stream');
      const failure = new Error('projection failed');
      const subscription = store.subscribe({ from: 'start', filter: { streamPrefixes: [`${category}-`] } }, async () => {
        throw failure;
      });
      await expect(subscription.done).rejects.toBe(failure);
      await subscription.stop();
    });
  });

  describe('§4.9 out-of-order commits', () => {
    const maybe = target.openTransactions.supported ? it : it.skip;
    if (!target.openTransactions.supported) {
      it.todo(`out-of-order commits — skipped: ${target.openTransactions.reason}`);
    }

    maybe('an event committed after an older open transaction waits for it, then both arrive in order', async () => {
      const category = newCategory();
      const filter = { streamPrefixes: [`${category}-`] };
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe({ from: 'start', filter }, async (batch) => void seen.push(...batch));
      try {
        await subscription.caughtUp;
        const a = await harness.openTransaction!();
        const streamA = streamOf(category);
        const streamB = streamOf(category);
        try {
          await a.append(streamA, events(1), 'no_stream');
          await store.append(streamB, events(1), 'no_stream');
          // B is committed and its stream is readable, but the global log holds it back.
          expect(await store.readStream(streamB)).toHaveLength(1);
          await sleep(400);
          expect(await store.readAll({ filter })).toEqual([]);
          expect(seen).toEqual([]);
          await a.commit();
        } catch (error) {
          await a.rollback().catch(() => undefined);
          throw error;
        }
        await waitFor(() => seen.length >= 2);
        expect(seen.map((event) => event.streamId)).toEqual([streamA, streamB]);
        const log = await store.readAll({ filter });
        expect(log.map((event) => event.streamId)).toEqual([streamA, streamB]);
        expect(isAscending(log.map((event) => event.position))).toBe(true);
      } finally {
        await subscription.stop();
      }
    });

    maybe('a rolled-back transaction leaves a hole that blocks nothing', async () => {
      const category = newCategory();
      const filter = { streamPrefixes: [`${category}-`] };
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe({ from: 'start', filter }, async (batch) => void seen.push(...batch));
      try {
        await subscription.caughtUp;
        const a = await harness.openTransaction!();
        const streamB = streamOf(category);
        await a.append(streamOf(category), events(3), 'no_stream');
        await store.append(streamB, events(1), 'no_stream');
        await sleep(200);
        expect(seen).toEqual([]);
        await a.rollback();
        await waitFor(() => seen.length >= 1);
        await store.append(streamB, events(1), 0);
        await waitFor(() => seen.length >= 2);
        expect(seen.map((event) => [event.streamId, event.revision])).toEqual([
          [streamB, 0],
          [streamB, 1],
        ]);
      } finally {
        await subscription.stop();
      }
    });
  });

  describe('§4.10 deletion and stream metadata', () => {
    it('soft delete hides the stream; a later append continues at last+1', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(3), 'no_stream');
      await store.deleteStream(stream);
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
      const result = await store.append(stream, events(1), 'no_stream');
      expect(result.nextExpectedRevision).toBe(3);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([3]);
      expect((await store.append(stream, events(1), 3)).nextExpectedRevision).toBe(4);
    });

    it('soft delete checks the expected revision', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(2), 'no_stream');
      await expect(store.deleteStream(stream, { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await store.deleteStream(stream, { expectedRevision: 1 });
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('a tombstone is permanent', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(2), 'no_stream');
      await store.deleteStream(stream, { tombstone: true });
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.append(stream, events(1), 'any')).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.append(stream, events(1), 'no_stream')).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('truncateBefore and maxCount limit stream reads', async () => {
      const stream = streamOf(newCategory());
      await store.append(stream, events(6), 'no_stream');
      await store.setStreamMetadata(stream, { truncateBefore: 2, custom: { owner: 'contract' } });
      expect(await store.getStreamMetadata(stream)).toEqual({ truncateBefore: 2, custom: { owner: 'contract' } });
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([2, 3, 4, 5]);
      expect((await store.readStream(stream, { direction: 'backwards', maxCount: 10 })).map((event) => event.revision)).toEqual([5, 4, 3, 2]);
      await store.setStreamMetadata(stream, { maxCount: 2 });
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([4, 5]);
      await store.append(stream, events(1), 5);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([5, 6]);
    });

    it('a missing stream has empty metadata', async () => {
      expect(await store.getStreamMetadata(streamOf(newCategory()))).toEqual({});
    });
  });

  describe('§4.13 upcasting on read', () => {
    it('lifts v1 events to v2 on every read path and leaves current ones alone', async () => {
      const category = newCategory();
      const type = `Renamed${category}`;
      harness.upcasters.register(type, 1, 2, (data) => {
        const { name } = data as { name: string };
        return { displayName: name };
      });
      const stream = streamOf(category);
      await store.append(
        stream,
        [
          { ...events(1)[0], type, schemaVersion: 1, data: { name: 'Ada' } },
          { ...events(1)[0], type, schemaVersion: 2, data: { displayName: 'Grace' } },
        ],
        'no_stream',
      );
      const expected = [
        { schemaVersion: 2, data: { displayName: 'Ada' } },
        { schemaVersion: 2, data: { displayName: 'Grace' } },
      ];
      expect(await store.readStream(stream)).toMatchObject(expected);
      expect(await readAllEventually(store, { streamPrefixes: [`${category}-`] }, 2)).toMatchObject(expected);
      const seen: RecordedEvent[] = [];
      const subscription: Subscription = store.subscribe({ from: 'start', filter: { eventTypes: [type] } }, async (batch) => void seen.push(...batch));
      await subscription.caughtUp;
      await subscription.stop();
      expect(seen).toMatchObject(expected);
    });
  });

  appendConditionsContract(() => harness, target);
}
