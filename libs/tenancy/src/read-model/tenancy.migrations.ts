import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000100_tenancy_tenants extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists tenants (
        tenant_id uuid primary key,
        name varchar(120) not null,
        slug varchar(40) not null unique,
        domain varchar(253) null,
        status varchar(20) not null default 'active',
        plan_type varchar(20) not null,
        created_at timestamptz not null
      )`);
    this.addSql(`create unique index if not exists tenants_domain_key on tenants (lower(domain)) where domain is not null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists tenants');
  }
}

export class Migration20261125000110_tenancy_tenant_config extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists tenant_config (
        config_id bigserial primary key,
        tenant_id uuid not null,
        setting_key varchar(64) not null,
        setting_value jsonb not null,
        updated_at timestamptz not null,
        unique (tenant_id, setting_key)
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists tenant_config');
  }
}

export class Migration20261204160000_tenancy_branding_moderation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists tenant_branding (
        tenant_id uuid primary key,
        logo_url text null,
        primary_color varchar(7) null,
        secondary_color varchar(7) null,
        updated_at timestamptz not null
      )`);
    // User-supplied content waiting for (or past) a moderator: kind says what it is, subject_id what it belongs to.
    this.addSql(`
      create table if not exists moderation_queue (
        item_id uuid primary key,
        tenant_id uuid not null,
        kind varchar(40) not null,
        subject_id text not null,
        content jsonb not null,
        status varchar(20) not null,
        submitted_by text null,
        submitted_at timestamptz not null,
        decided_by text null,
        decided_at timestamptz null,
        reason text null
      )`);
    this.addSql(`create index if not exists moderation_queue_tenant_id_status_index on moderation_queue (tenant_id, status, item_id)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists moderation_queue');
    this.addSql('drop table if exists tenant_branding');
  }
}

export class Migration20261204162000_tenancy_contest_count extends Migration {
  override async up(): Promise<void> {
    // Contests created, for the plan's contest limit (SuspendedTenantGuard via TenantStatusBook).
    this.addSql(`alter table tenants add column if not exists contest_count integer not null default 0`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table tenants drop column if exists contest_count');
  }
}
