import { Migration } from '@mikro-orm/migrations';

/**
 * Checkpoints and parked events of the projection runner (EVENTSTORE.md §3). A checkpoint row
 * moves in the same transaction as the read-model rows of its batch. `if not exists` because the
 * PostgreSQL adapter's schema names `es_checkpoints` too; the columns the runner needs are
 * added idempotently either way.
 */
export class Migration20261125000050_eventstore_projections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists es_checkpoints (
        consumer text not null,
        version integer not null,
        position text null,
        updated_at timestamptz not null default now(),
        primary key (consumer, version)
      )`);
    // The created_at of the last applied event, for "seconds behind"; and how many events the
    // consumer has handled, which sizes a rebuild's progress bar without counting the log.
    this.addSql(`alter table es_checkpoints add column if not exists position_time timestamptz null`);
    this.addSql(`alter table es_checkpoints add column if not exists events_processed bigint not null default 0`);
    this.addSql(`alter table es_checkpoints add column if not exists updated_at timestamptz not null default now()`);
    this.addSql(`
      create table if not exists es_dead_letters (
        id uuid primary key,
        consumer text not null,
        version integer not null,
        event_id uuid not null,
        stream_id text not null,
        stream_revision bigint not null,
        event_type text not null,
        position text not null,
        error text not null,
        attempts integer not null,
        parked_at timestamptz not null default now(),
        replayed_at timestamptz null
      )`);
    this.addSql(`create index if not exists es_dead_letters_parked on es_dead_letters (consumer, parked_at) where replayed_at is null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists es_dead_letters');
  }
}

/**
 * Background retries of parked events: how many were made and when the next one is due (null:
 * none; the event waits for an operator). Events parked before this migration get none — the
 * old policy had already retried them.
 */
export class Migration20261127090000_eventstore_dead_letter_retries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table es_dead_letters add column if not exists retries integer not null default 0`);
    this.addSql(`alter table es_dead_letters add column if not exists next_retry_at timestamptz null`);
    this.addSql(`create index if not exists es_dead_letters_due on es_dead_letters (next_retry_at) where replayed_at is null and next_retry_at is not null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists es_dead_letters_due');
    this.addSql('alter table es_dead_letters drop column if exists next_retry_at');
    this.addSql('alter table es_dead_letters drop column if exists retries');
  }
}
