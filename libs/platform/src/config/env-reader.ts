import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Typed readers over an environment map. Each context's `*.config.ts` uses these to build its
 * own settings object once at boot (STYLE rule 11); nothing else reads process.env.
 */
export class EnvReader {
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const value = this.optionalString(name);
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new ConfigError(name, 'is required');
  }

  optionalString(name: string): string | undefined {
    const raw = this.env[name];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  int(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (bounds.min !== undefined && value < bounds.min) throw new ConfigError(name, `must be at least ${bounds.min}, got ${value}`);
    if (bounds.max !== undefined && value > bounds.max) throw new ConfigError(name, `must be at most ${bounds.max}, got ${value}`);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }

  url(name: string, protocols: readonly string[]): URL | undefined {
    const raw = this.optionalString(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, 'is not a valid URL');
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(name, `must use ${protocols.join(' or ')}://, got ${parsed.protocol}//`);
    }
    return parsed;
  }

  /**
   * The PEM text of the file the variable names (certificates or a private key), read now so a
   * missing, unreadable or non-PEM file stops the start with one line naming the variable.
   */
  optionalPemFile(name: string, kind: 'certificates' | 'private key'): string | undefined {
    const path = this.optionalString(name);
    if (path === undefined) return undefined;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(name, `names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const marker = kind === 'certificates' ? /-----BEGIN CERTIFICATE-----/ : /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
    if (!marker.test(text)) throw new ConfigError(name, `names ${path}, which holds no PEM ${kind}`);
    return text;
  }

  urlList(name: string, protocols: readonly string[]): URL[] {
    const raw = this.optionalString(name);
    if (raw === undefined) return [];
    return raw.split(',').map((part, index) => new EnvReader({ [`${name}[${index}]`]: part }).url(`${name}[${index}]`, protocols)!);
  }
}
