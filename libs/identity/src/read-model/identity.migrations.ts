import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000200_identity_tables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists users (
        user_id uuid primary key,
        tenant_id varchar(64) not null,
        email jsonb null,
        email_hash varchar(64) not null,
        phone jsonb null,
        phone_hash varchar(64) null,
        phone_verified boolean not null default false,
        phone_type varchar(32) null,
        password_hash varchar(100) null,
        otp_secret varchar(100) null,
        roles jsonb not null,
        status varchar(16) not null,
        created_at timestamptz not null,
        erased_at timestamptz null
      )`);
    this.addSql('create index if not exists users_tenant_email_idx on users (tenant_id, email_hash)');
    this.addSql('create index if not exists users_tenant_phone_idx on users (tenant_id, phone_hash)');
    this.addSql(`
      create table if not exists sessions (
        session_id uuid primary key,
        tenant_id varchar(64) not null,
        user_id uuid not null,
        refresh_token_hash varchar(64) not null,
        method varchar(16) not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        last_refreshed_at timestamptz null,
        revoked_at timestamptz null,
        revoke_reason varchar(32) null
      )`);
    this.addSql('create index if not exists sessions_user_idx on sessions (user_id)');
    this.addSql('create index if not exists sessions_expires_idx on sessions (expires_at)');
    this.addSql(`
      create table if not exists phone_verifications (
        verification_id uuid primary key,
        tenant_id varchar(64) not null,
        user_id uuid not null,
        phone jsonb null,
        otp_code_hash varchar(64) not null,
        number_type varchar(32) null,
        requested_at timestamptz not null,
        expires_at timestamptz not null,
        verified_at timestamptz null
      )`);
    this.addSql('create index if not exists phone_verifications_user_idx on phone_verifications (user_id)');
    this.addSql(`
      create table if not exists password_resets (
        reset_id uuid primary key,
        tenant_id varchar(64) not null,
        user_id uuid not null,
        token_hash varchar(64) not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null
      )`);
    this.addSql('create index if not exists password_resets_user_idx on password_resets (user_id)');
    this.addSql(`
      create table if not exists otp_attempts (
        otp_id uuid primary key,
        tenant_id varchar(64) not null,
        subject_hash varchar(64) not null,
        user_id uuid not null,
        purpose varchar(16) not null,
        channel varchar(8) not null,
        attempts integer not null default 0,
        last_attempt_time timestamptz null,
        locked_until timestamptz null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        verified_at timestamptz null
      )`);
    this.addSql('create index if not exists otp_attempts_subject_idx on otp_attempts (subject_hash)');
    this.addSql('create index if not exists otp_attempts_expires_idx on otp_attempts (expires_at)');
    this.addSql(`
      create table if not exists subject_keys (
        kid varchar(80) primary key,
        tenant_id varchar(64) not null,
        subject_id uuid not null,
        wrapped_key varchar(200) not null,
        created_at timestamptz not null,
        unique (tenant_id, subject_id)
      )`);
    this.addSql(`
      create table if not exists identity_deliveries (
        event_id uuid primary key,
        tenant_id varchar(64) not null,
        user_id uuid not null,
        kind varchar(16) not null,
        channel varchar(8) not null,
        purpose varchar(16) null,
        destination jsonb null,
        payload jsonb null,
        expires_at timestamptz not null,
        status varchar(16) not null,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        locked_until timestamptz null,
        last_error text null,
        created_at timestamptz not null,
        delivered_at timestamptz null
      )`);
    this.addSql('create index if not exists identity_deliveries_due_idx on identity_deliveries (status, next_attempt_at)');
    this.addSql('create index if not exists identity_deliveries_user_idx on identity_deliveries (user_id)');
  }

  override async down(): Promise<void> {
    for (const table of ['identity_deliveries', 'subject_keys', 'otp_attempts', 'password_resets', 'phone_verifications', 'sessions', 'users']) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
