import { ramp, roundRisk, SignalResult } from './signal';

export interface GeoPoint {
  latitude: number;
  longitude: number;
  country: string;
  /** When the account was seen there (epoch ms). */
  atMs: number;
}

export interface GeoAnomalyInput {
  /** Where the account's previous vote came from; null for its first located vote. */
  previous: GeoPoint | null;
  /** Where this vote comes from; null when the address is not in the database (or not public). */
  current: GeoPoint | null;
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Impossible travel: the account's votes come from places farther apart than a plane could go in
 * the time between them. City-level databases are off by tens of kilometres, so short hops never
 * count, and the clock between two votes is floored at a minute.
 */
export function scoreGeoAnomaly({ previous, current }: GeoAnomalyInput): SignalResult {
  if (!previous || !current) {
    return { signal: 'geoAnomaly', risk: 0, reason: current ? 'first located vote of this account' : 'address not located', inputs: { country: current?.country ?? null, distanceKm: null, speedKmh: null }, evidence: current !== null };
  }
  const km = Math.round(distanceKm(previous, current));
  const hours = Math.max(current.atMs - previous.atMs, 60_000) / 3_600_000;
  const speedKmh = Math.round(km / hours);
  const risk = km < 100 ? 0 : roundRisk(ramp(speedKmh, 500, 2000));
  const inputs = { country: current.country, previousCountry: previous.country, distanceKm: km, minutes: Math.round(hours * 60), speedKmh };
  const reason = risk === 0 ? 'travel between votes is plausible' : `${km} km from the previous vote in ${Math.round(hours * 60)} min (${speedKmh} km/h)`;
  return { signal: 'geoAnomaly', risk, reason, inputs, evidence: true };
}
