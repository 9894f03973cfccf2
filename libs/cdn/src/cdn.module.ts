import { Module } from '@nestjs/common';
import { Env, ENV } from '@tally/platform';
import { CDN_CONFIG, loadCdnConfig } from './cdn.config';
import { CdnPurgeReactor, cdnPurgeReactorFactory } from './reactors/cdn-purge/cdn-purge.reactor';

/**
 * The API as a CDN origin (docs/cdn.md): the routes tag their answers (@CdnCached, libs/platform;
 * the API's cdn-cache hook), and this context purges the CDN when what they show changes.
 */
@Module({
  providers: [
    { provide: CDN_CONFIG, inject: [ENV], useFactory: (env: Env) => loadCdnConfig(env) },
    { provide: CdnPurgeReactor, inject: [CDN_CONFIG], useFactory: cdnPurgeReactorFactory },
  ],
})
export class CdnModule {}
