// The only import surface of the cdn context.
export { CdnModule } from './cdn.module';
export { CDN_PURGE } from './reactors/cdn-purge/cdn-purge.reactor';
export { purgeKeysOf } from './domain/purge-keys';
