import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { ContextSchema } from '@tally/platform';
import { Pool } from 'pg';
import { RecordedEvent } from '../../event-store.port';
import { Reactor } from '../reactor';
import { RegisteredReactor } from '../registered-reactor.decorator';

/**
 * A reactor for the reactor tests. Its effect happens elsewhere, on its own connection, as a
 * real one (a command, a provider call) would: one row per event in reactor_effects, written
 * idempotently (keyed by the event id). reactor_attempts counts every delivery, so a test sees
 * an event handled twice while its effect happened once. It can fail on chosen events, and
 * kill its own process right after an effect, before the checkpoint moves.
 */
@RegisteredReactor()
export class EffectLogReactor implements Reactor {
  name = 'test.effect-log';
  filter = { streamPrefixes: ['reactor-'] };
  readonly batchSize = 5;
  private pool: Pool | null = null;
  failOn = new Set<number>();
  killAfter: number | null = null;

  configure(options: { url: string; killAfter?: number | null }): this {
    this.pool = new Pool({ connectionString: options.url, max: 1 });
    this.killAfter = options.killAfter ?? null;
    return this;
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }

  async react(event: RecordedEvent): Promise<void> {
    const pool = this.pool;
    if (!pool) throw new Error('EffectLogReactor is not configured');
    const n = (event.data as { n: number }).n;
    await pool.query('insert into reactor_attempts (event_id, n) values ($1, $2)', [event.id, n]);
    if (this.failOn.has(n)) throw new Error(`event ${n} cannot be handled yet`);
    await pool.query('insert into reactor_effects (event_id, n) values ($1, $2) on conflict (event_id) do nothing', [event.id, n]);
    if (this.killAfter === n) process.kill(process.pid, 'SIGKILL');
  }
}

@Entity({ tableName: 'reactor_effects' })
export class ReactorEffectRow {
  @PrimaryKey({ type: 'uuid' }) eventId!: string;
  @Property({ type: 'integer' }) n!: number;
}

class Migration20261204060000_reactor_effects extends Migration {
  override up(): void {
    this.addSql('create table if not exists reactor_effects (event_id uuid primary key, n integer not null)');
    this.addSql('create table if not exists reactor_attempts (event_id uuid not null, n integer not null)');
  }
}

/** The effect-log reactor's tables, as a context's schema. */
export const effectLogSchema: ContextSchema = {
  entities: [ReactorEffectRow],
  migrations: [{ name: 'Migration20261204060000_reactor_effects', class: Migration20261204060000_reactor_effects }],
};
