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
