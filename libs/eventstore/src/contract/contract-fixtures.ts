import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../event-store.errors';
import { EventFilter, EventStore, EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';

// Shared by the contract suites: fresh categories and streams, events, waits.

let categorySequence = 0;

/** A category no other test uses: letters only, so it is a valid category on every adapter. */
export function newCategory(): string {
  categorySequence += 1;
  return `c${randomUUID().replace(/-/g, '').slice(0, 10)}x${categorySequence}`.replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)]);
}

export function streamOf(category: string): string {
  return `${category}-tenant.${randomUUID()}`;
}

export function events(count: number, data: Record<string, unknown> = {}, type = 'SomethingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type,
    data: { n, ...data },
    metadata: { tenantId: 'tenant-contract', actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null },
  }));
}

export async function expectWrongVersion(append: Promise<unknown>, stream: string, expected: ExpectedRevision, actual: number): Promise<void> {
  const error: unknown = await append.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ streamId: stream, expected, actual });
}

/**
 * The global log may show an append a little later than the stream does: PostgreSQL holds
 * events back while any older transaction in the cluster is still open (EVENTSTORE.md §2).
 */
export async function readAllEventually(store: EventStore, filter: EventFilter, count: number): Promise<RecordedEvent[]> {
  let events: RecordedEvent[] = [];
  await waitFor(async () => (events = await store.readAll({ filter })).length >= count);
  return events;
}

export function isAscending(values: string[]): boolean {
  return values.every((value, index) => index === 0 || values[index - 1] < value);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the subscription');
    await sleep(20);
  }
}
