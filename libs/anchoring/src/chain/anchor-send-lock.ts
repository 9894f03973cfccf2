import type { Pool } from 'pg';

/**
 * Serialises the sends of one publishing account across every process that holds its key (an
 * API beside a worker, two workers): the nonce is read and the transaction handed to the node
 * while the lock is held, so no two processes send with the same nonce (one would be refused or
 * replace the other) and none skips one (a gap stalls every later transaction).
 */
export interface AnchorSendLock {
  withLock<T>(account: string, send: () => Promise<T>): Promise<T>;
}

/**
 * The lock as a PostgreSQL advisory transaction lock on the account's address, taken on a
 * connection of its own for the length of the send (an RPC call: at most the RPC timeout). A
 * process that dies mid-send lets go with its connection. Not used on the embedded database: it
 * has one process, whose sends EthersAnchorChain already queues one after another, and PGlite
 * runs one transaction at a time for the whole database.
 */
export class PostgresAnchorSendLock implements AnchorSendLock {
  constructor(private readonly pool: Pool) {}

  async withLock<T>(account: string, send: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`tally.anchoring.send:${account.toLowerCase()}`]);
      const result = await send();
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
