import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import type { Envelope, PiiField } from '../domain/pii';
import { open, PiiKeys, seal } from './pii-keys';

export interface SubjectKey {
  kid: string;
  key: Buffer;
}

/**
 * Per-user data keys in `subject_keys` (EVENTSTORE.md §3), wrapped with the server KEK. The
 * table is not a projection: a key must exist before the first event that uses it, and it is
 * never rebuilt. Deleting a subject's row is the erasure: their envelopes, wherever they were
 * copied (events, read models, outbox), can no longer be opened.
 */
@Injectable()
export class SubjectKeys {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly keys: PiiKeys,
  ) {}

  /** The subject's key, created on first use; concurrent callers get the same key. */
  async ensure(tenantId: string, subjectId: string): Promise<SubjectKey> {
    const kid = kidOf(subjectId);
    const existing = await this.find(kid);
    if (existing) return { kid, key: existing };
    const key = randomBytes(32);
    await this.pool.query(
      `insert into subject_keys (kid, tenant_id, subject_id, wrapped_key, created_at) values ($1, $2, $3, $4, now())
       on conflict (kid) do nothing`,
      [kid, tenantId, subjectId, this.keys.wrapKey(key, kid)],
    );
    const stored = await this.find(kid);
    if (!stored) throw new Error(`Subject key ${kid} vanished while being created`);
    return { kid, key: stored };
  }

  async find(kid: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ wrapped_key: string }>('select wrapped_key from subject_keys where kid = $1', [kid]);
    return rows[0] ? this.keys.unwrapKey(rows[0].wrapped_key, kid) : null;
  }

  /** Crypto-shredding: returns whether a key was deleted. */
  async erase(tenantId: string, subjectId: string): Promise<boolean> {
    const result = await this.pool.query('delete from subject_keys where tenant_id = $1 and subject_id = $2', [tenantId, subjectId]);
    return (result.rowCount ?? 0) > 0;
  }

  seal(key: SubjectKey, field: PiiField, value: string): Envelope {
    return seal(key.key, key.kid, field, value);
  }

  /** The plaintext, or null when the subject was erased (or the envelope is absent). */
  async open(envelope: Envelope | null | undefined, field: PiiField): Promise<string | null> {
    if (!envelope) return null;
    const key = await this.find(envelope.kid);
    return key ? open(key, envelope, field) : null;
  }
}

export const kidOf = (subjectId: string): string => `sk1:${subjectId}`;
