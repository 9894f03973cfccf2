import { AppendConditionsUnsupportedError, StreamConditionFailedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { EventStore } from '../event-store.port';
import { events, newCategory, sleep, streamOf } from './contract-fixtures';
import type { ContractHarness, ContractTarget } from './contract-harness';

/**
 * Append conditions (README.md "Append conditions"): "append to S only if X is at revision R".
 * A store that enforces them must do so atomically; one that cannot must refuse them.
 */
export function appendConditionsContract(harness: () => ContractHarness, target: ContractTarget): void {
  describe('append conditions', () => {
    let store: EventStore;
    beforeAll(() => {
      store = harness().store;
    });

    it('are refused, appending nothing, by a store that does not support them', async () => {
      if (store.supportsAppendConditions) return;
      const stream = streamOf(newCategory());
      const other = streamOf(newCategory());
      await expect(store.append(stream, events(1), 'no_stream', { conditions: [{ streamId: other, revision: 'no_stream' }] })).rejects.toBeInstanceOf(
        AppendConditionsUnsupportedError,
      );
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    const enforced = (): boolean => store.supportsAppendConditions;
    const itEnforced = (name: string, test: () => Promise<void>, timeout?: number): void =>
      it(name, async () => (enforced() ? test() : undefined), timeout);

    itEnforced('append when every condition holds', async () => {
      const x = streamOf(newCategory());
      const y = streamOf(newCategory());
      await store.append(x, events(2), 'no_stream');
      await store.append(y, events(1), 'no_stream');
      const stream = streamOf(newCategory());
      const result = await store.append(stream, events(2), 'no_stream', {
        conditions: [
          { streamId: x, revision: 1 },
          { streamId: y, revision: 0 },
        ],
      });
      expect(result.nextExpectedRevision).toBe(1);
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.readStream(x)).toHaveLength(2);
    });

    itEnforced('refuse a stale condition with StreamConditionFailedError and append nothing', async () => {
      const x = streamOf(newCategory());
      await store.append(x, events(3), 'no_stream');
      const fresh = streamOf(newCategory());
      const error = await failure(store.append(fresh, events(1), 'no_stream', { conditions: [{ streamId: x, revision: 1 }] }));
      expect(error).toBeInstanceOf(StreamConditionFailedError);
      expect(error).toMatchObject({ appendStreamId: fresh, streamId: x, expected: 1, actual: 2 });
      await expect(store.readStream(fresh)).rejects.toBeInstanceOf(StreamNotFoundError);

      const existing = streamOf(newCategory());
      await store.append(existing, events(1), 'no_stream');
      await expect(store.append(existing, events(2), 0, { conditions: [{ streamId: x, revision: 2 }, { streamId: x, revision: 5 }] })).rejects.toBeInstanceOf(
        StreamConditionFailedError,
      );
      expect(await store.readStream(existing)).toHaveLength(1);
      // A condition on a missing stream at a revision fails with actual -1.
      const missing = streamOf(newCategory());
      expect(await failure(store.append(existing, events(1), 0, { conditions: [{ streamId: missing, revision: 0 }] }))).toMatchObject({
        streamId: missing,
        actual: -1,
      });
    });

    itEnforced("'no_stream' holds while the stream does not exist, and leaves it absent", async () => {
      const x = streamOf(newCategory());
      const stream = streamOf(newCategory());
      await store.append(stream, events(1), 'no_stream', { conditions: [{ streamId: x, revision: 'no_stream' }] });
      await expect(store.readStream(x)).rejects.toBeInstanceOf(StreamNotFoundError);
      // The condition stream can still be created as a new stream.
      expect((await store.append(x, events(1), 'no_stream')).nextExpectedRevision).toBe(0);
      const error = await failure(store.append(stream, events(1), 0, { conditions: [{ streamId: x, revision: 'no_stream' }] }));
      expect(error).toMatchObject({ streamId: x, expected: 'no_stream', actual: 0 });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    itEnforced('come after the expected revision and idempotency: a conflict wins, an idempotent retry succeeds', async () => {
      const x = streamOf(newCategory());
      await store.append(x, events(1), 'no_stream');
      const stream = streamOf(newCategory());
      await store.append(stream, events(1), 'no_stream');
      await expect(store.append(stream, events(1), 7, { conditions: [{ streamId: x, revision: 9 }] })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      const batch = events(1);
      const first = await store.append(stream, batch, 0, { conditions: [{ streamId: x, revision: 0 }] });
      await store.append(x, events(1), 0);
      expect(await store.append(stream, batch, 0, { conditions: [{ streamId: x, revision: 0 }] })).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    itEnforced('refuse a condition on the appended stream itself', async () => {
      const stream = streamOf(newCategory());
      await expect(store.append(stream, events(1), 'no_stream', { conditions: [{ streamId: stream, revision: 'no_stream' }] })).rejects.toThrow(
        /itself/,
      );
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    itEnforced('fail alone when appended concurrently with others (group commit)', async () => {
      const category = newCategory();
      const x = streamOf(category);
      await store.append(x, events(2), 'no_stream');
      const streams = Array.from({ length: 16 }, () => streamOf(category));
      const outcomes = await Promise.allSettled(
        streams.map((stream, i) => store.append(stream, events(1), 'no_stream', { conditions: [{ streamId: x, revision: i % 3 === 0 ? 0 : 1 }] })),
      );
      for (const [i, outcome] of outcomes.entries()) {
        if (i % 3 === 0) {
          expect(outcome.status).toBe('rejected');
          expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StreamConditionFailedError);
          await expect(store.readStream(streams[i])).rejects.toBeInstanceOf(StreamNotFoundError);
        } else {
          expect(outcome.status).toBe('fulfilled');
        }
      }
    });

    itEnforced(
      'are atomic: racing appends to the condition stream, every append that commits was decided on its revision at commit',
      async () => {
        const category = newCategory();
        const x = streamOf(category);
        await store.append(x, events(1), 'no_stream');
        let staleAccepted = 0;
        let refused = 0;
        for (let round = 0; round < 6; round++) {
          const appenders = Array.from({ length: 24 }, () => streamOf(category));
          let moved = false;
          const decide = async (stream: string, i: number): Promise<{ stream: string; decided: number; afterMove: boolean; ok: boolean }> => {
            await sleep(i % 4);
            const decided = (await store.readStream(x, { direction: 'backwards', maxCount: 1 }))[0].revision;
            await sleep(i % 3);
            const afterMove = moved;
            try {
              await store.append(stream, events(1, { decided }), 'no_stream', { conditions: [{ streamId: x, revision: decided }] });
              return { stream, decided, afterMove, ok: true };
            } catch (error) {
              expect(error).toBeInstanceOf(StreamConditionFailedError);
              expect((error as StreamConditionFailedError).actual).not.toBe(decided);
              return { stream, decided, afterMove, ok: false };
            }
          };
          const racing = appenders.map((stream, i) => decide(stream, i));
          await sleep(2);
          const moveTo = (await store.append(x, events(1), round)).nextExpectedRevision;
          moved = true;
          // Everything committed by now is visible in its own stream; whatever shows up later
          // committed after the move, so it must have been decided on the new revision.
          const seen = new Set<string>();
          for (const stream of appenders) if (await exists(store, stream)) seen.add(stream);
          const outcomes = await Promise.all(racing);
          for (const outcome of outcomes) {
            if (!outcome.ok) {
              refused += 1;
              continue;
            }
            if (outcome.afterMove && outcome.decided < moveTo) staleAccepted += 1;
            if (!seen.has(outcome.stream) && outcome.decided !== moveTo) staleAccepted += 1;
            expect([moveTo - 1, moveTo]).toContain(outcome.decided);
          }
        }
        expect(staleAccepted).toBe(0);
        // The race was real: some appends were decided before a move and refused after it.
        expect(refused).toBeGreaterThan(0);
      },
      60_000,
    );

    const concurrent = target.openTransactions.supported ? describe : describe.skip;
    concurrent('against an open transaction', () => {
      itEnforced('an append to the condition stream waits for a conditional append to commit', async () => {
        const x = streamOf(newCategory());
        await store.append(x, events(1), 'no_stream');
        const tx = await harness().openTransaction!();
        await tx.append(streamOf(newCategory()), events(1), 'no_stream', { conditions: [{ streamId: x, revision: 0 }] });
        let movedAt = 0;
        const move = store.append(x, events(1), 0).then(() => (movedAt = Date.now()));
        await sleep(300);
        expect(movedAt).toBe(0);
        const committedAt = Date.now();
        await tx.commit();
        await move;
        expect(movedAt).toBeGreaterThanOrEqual(committedAt);
      });

      itEnforced('a conditional append waits for an open append to the condition stream, then fails', async () => {
        const x = streamOf(newCategory());
        await store.append(x, events(1), 'no_stream');
        const tx = await harness().openTransaction!();
        await tx.append(x, events(1), 0);
        const stream = streamOf(newCategory());
        let settled = false;
        const conditional = failure(store.append(stream, events(1), 'no_stream', { conditions: [{ streamId: x, revision: 0 }] })).finally(
          () => (settled = true),
        );
        await sleep(300);
        expect(settled).toBe(false);
        await tx.commit();
        expect(await conditional).toMatchObject({ streamId: x, expected: 0, actual: 1 });
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      itEnforced("a 'no_stream' condition makes a concurrent creation of the stream wait", async () => {
        const x = streamOf(newCategory());
        const tx = await harness().openTransaction!();
        await tx.append(streamOf(newCategory()), events(1), 'no_stream', { conditions: [{ streamId: x, revision: 'no_stream' }] });
        let created = false;
        const create = store.append(x, events(1), 'no_stream').then((result) => {
          created = true;
          return result;
        });
        await sleep(300);
        expect(created).toBe(false);
        await tx.rollback();
        expect((await create).nextExpectedRevision).toBe(0);
      });
    });
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the append to fail');
    },
    (reason: unknown) => reason,
  );
}

async function exists(store: EventStore, stream: string): Promise<boolean> {
  try {
    return (await store.readStream(stream)).length > 0;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw error;
  }
}
