import { archiveSchemaName, assertTableNames, createShadowSql, quoteIdent, rebuildConsumer, shadowSchemaName, swapSql } from './shadow-schema';

describe('shadow schema of a rebuild', () => {
  it('names the shadow and archive schemas after the projection, within 63 bytes', () => {
    expect(shadowSchemaName('leaderboard')).toBe('rebuild_leaderboard');
    expect(archiveSchemaName('vote-totals.v2')).toBe('archive_vote_totals_v2');
    const long = shadowSchemaName('x'.repeat(200));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).not.toBe(shadowSchemaName(`${'x'.repeat(199)}y`));
    expect(rebuildConsumer('leaderboard')).toBe('leaderboard#rebuild');
  });

  it('copies each live table with LIKE … INCLUDING ALL into a fresh schema', () => {
    expect(createShadowSql('rebuild_lb', ['lb_rows', 'lb_totals'])).toEqual([
      'drop schema if exists "rebuild_lb" cascade',
      'create schema "rebuild_lb"',
      'create table "rebuild_lb"."lb_rows" (like public."lb_rows" including all)',
      'create table "rebuild_lb"."lb_totals" (like public."lb_totals" including all)',
    ]);
  });

  it('archives every live table before moving any new one into public', () => {
    const sql = swapSql('rebuild_lb', 'archive_lb', ['a', 'b']);
    expect(sql).toEqual([
      'drop schema if exists "archive_lb" cascade',
      'create schema "archive_lb"',
      'alter table public."a" set schema "archive_lb"',
      'alter table public."b" set schema "archive_lb"',
      'alter table "rebuild_lb"."a" set schema public',
      'alter table "rebuild_lb"."b" set schema public',
      'drop schema "rebuild_lb" cascade',
    ]);
  });

  it('refuses table names it cannot copy safely', () => {
    expect(() => assertTableNames('p', [])).toThrow(/lists no tables/);
    expect(() => assertTableNames('p', ['public.rows'])).toThrow(/unqualified/);
    expect(() => assertTableNames('p', ['Rows'])).toThrow(/unqualified/);
    expect(() => assertTableNames('p', ['rows', 'row_totals'])).not.toThrow();
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
