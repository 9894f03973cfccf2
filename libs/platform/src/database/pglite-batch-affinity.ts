import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

/** The internals of pglite-socket 0.2.17's QueryQueueManager that the patch below replaces. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

// Frontend messages after which the session is back to "ready for query": Sync, simple Query,
// Terminate; 0 is the type-less startup message.
const BATCH_END = new Set([0x53, 0x51, 0x58, 0x00]);

/**
 * pglite-socket serves every connection from PGlite's single session and schedules them message
 * by message, pinning a connection only while a transaction is open. An extended-protocol batch
 * (Parse/Bind/Execute/Sync) outside a transaction can therefore interleave with another
 * connection's batch, which rebinds the shared unnamed statement: "bind message supplies 8
 * parameters, but prepared statement "" requires 5", or silently wrong rows
 * (electric-sql/pglite#1046, PR #977). This keeps a connection pinned until its batch ends, and
 * keeps the queue going when one message fails (the same issue's second defect).
 */
export function pinExtendedQueryBatches(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  if (!queue || typeof queue.processQueue !== 'function' || !Array.isArray(queue.queue)) {
    throw new Error('pglite-socket internals changed: re-check pinExtendedQueryBatches against the installed version');
  }
  let batchOpen = false;

  queue.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const pinned = (batchOpen || this.db.isInTransaction()) && this.lastHandlerId !== null ? this.lastHandlerId : null;
        const index = pinned === null ? 0 : this.queue.findIndex((item) => item.handlerId === pinned);
        if (index === -1) break; // the pinned connection's next message has not arrived yet
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          batchOpen = false;
          this.lastHandlerId = item.handlerId;
          item.reject(error);
          continue;
        }
        batchOpen = !BATCH_END.has(item.message[0] ?? 0);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = function (this: QueryQueue, handlerId: number): void {
    clearQueueForHandler(handlerId);
    // A connection that went away mid-batch must not keep the others waiting.
    if (this.lastHandlerId === handlerId) batchOpen = false;
    void this.processQueue();
  };
}
