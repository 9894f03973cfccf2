import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ContextSchema, migrationOptions, migrationsInOrder } from '../database/database.module';
import { cachedPgliteDump } from './pglite-dump';
import { TEST_POSTGRES_ADMIN_URL, TestDatabaseTemplate, withTestAdmin } from './test-database';

/** Templates of other migration sets are removed once this old (PGlite dumps: pglite-dump.ts). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * A schema migrated once and copied for each test app: migrating a fresh database costs an app
 * several seconds of a shared 2-core machine, copying a template a fraction of one. Schema only:
 * nothing the app seeds at start (the demo tenant, whose id keys Redis) is in it, so every copy
 * still boots into its own tenant.
 *
 * `sourceDigest` must change whenever any migration's SQL does (the caller hashes the migration
 * source files, see `migrationSourceDigest`): the template's name carries it, so an edited
 * migration gets a new template instead of a stale one.
 */
export function migratedTemplate(schemas: ContextSchema[], sourceDigest: string): TestDatabaseTemplate {
  const migrations = migrationsInOrder(schemas);
  const key = createHash('sha256')
    .update(sourceDigest)
    .update(migrations.map((migration) => migration.name).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const migrate = (url: string) => runMigrations(url, schemas);
  let postgres: Promise<string> | undefined;
  let pglite: Promise<Blob> | undefined;
  return {
    postgres: () => (postgres ??= postgresTemplate(`tally_test_tpl_${key}`, migrate)),
    pglite: () => (pglite ??= cachedPgliteDump(key, migrate)),
  };
}

/** SHA-256 of every migration source file under `root` (named Migration* or in a migrations folder). */
export function migrationSourceDigest(root: string): string {
  const hash = createHash('sha256');
  // Paths relative to the root: two checkouts of one commit (CI clones) share a template.
  for (const file of migrationSources(root).sort()) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

function migrationSources(directory: string, inMigrations = false): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : migrationSources(path, inMigrations || entry.name === 'migrations');
    return entry.name.endsWith('.ts') && (inMigrations || entry.name.startsWith('Migration')) ? [path] : [];
  });
}

async function runMigrations(url: string, schemas: ContextSchema[]): Promise<void> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: schemas.flatMap((schema) => schema.entities),
    extensions: [Migrator],
    migrations: migrationOptions(migrationsInOrder(schemas)),
    forceUtcTimezone: true,
    debug: false,
  });
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
}

/**
 * Built once per migration set on the test server, under an advisory lock so that parallel test
 * files wait for the first builder; built under another name and renamed, so a half-built
 * template (a killed run) is never copied.
 */
async function postgresTemplate(name: string, migrate: (url: string) => Promise<void>): Promise<string> {
  await withTestAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return;
      const building = `${name}_wip`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(TEST_POSTGRES_ADMIN_URL);
      url.pathname = `/${building}`;
      await migrate(url.toString());
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.query(`COMMENT ON DATABASE ${name} IS '${new Date().toISOString()}'`);
      await dropStaleTemplates(admin, name);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

async function dropStaleTemplates(admin: { query: (sql: string, values?: unknown[]) => Promise<{ rows: { datname: string; built: string | null }[] }> }, keep: string): Promise<void> {
  const { rows } = await admin.query(
    "SELECT datname, shobj_description(oid, 'pg_database') AS built FROM pg_database WHERE datname LIKE 'tally\\_test\\_tpl\\_%' AND datname <> $1",
    [keep],
  );
  for (const row of rows) {
    const builtAt = Date.parse(row.built ?? '');
    if (Number.isNaN(builtAt) || Date.now() - builtAt > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    }
  }
}
