import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { brandingAssetUrl, BrandingAssetExtension } from '../domain/branding-asset-url';

/** The directory the assets live in (DATA_DIR/branding), which the API serves under BRANDING_ASSETS_PREFIX. */
export const brandingAssetsRoot = (dataDir: string): string => join(dataDir, 'branding');

/**
 * Stores uploaded branding assets as DATA_DIR/branding/<tenantId>/<sha256>.<ext>. The name is the
 * content's hash: the same bytes land on the same file (an upload repeated is harmless), and a
 * name never changes meaning, which is what lets the API serve them as immutable. Written to a
 * temporary name and renamed, so a reader never sees half a file. One directory per tenant keeps
 * the serving check (the asset's tenant is the request's) a matter of the path.
 */
@Injectable()
export class BrandingAssetStore {
  private readonly root: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.root = brandingAssetsRoot(config.dataDir);
  }

  async store(tenantId: string, bytes: Buffer, extension: BrandingAssetExtension): Promise<{ url: string; sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const directory = join(this.root, tenantId);
    await mkdir(directory, { recursive: true });
    const temporary = join(directory, `.${randomUUID()}.tmp`);
    await writeFile(temporary, bytes, { mode: 0o644 });
    await rename(temporary, join(directory, `${sha256}.${extension}`));
    return { url: brandingAssetUrl(tenantId, sha256, extension), sha256 };
  }
}
