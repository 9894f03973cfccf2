import { distanceKm, scoreGeoAnomaly } from './geo-anomaly.signal';

const london = { latitude: 51.5143, longitude: -0.0912, country: 'GB', atMs: Date.parse('2026-03-01T20:00:00Z') };
const sydney = { latitude: -33.8688, longitude: 151.209, country: 'AU', atMs: Date.parse('2026-03-01T20:05:00Z') };
const paris = { latitude: 48.8566, longitude: 2.3522, country: 'FR', atMs: Date.parse('2026-03-01T23:00:00Z') };

describe('scoreGeoAnomaly', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm(london, sydney)).toBeGreaterThan(16_900);
    expect(distanceKm(london, sydney)).toBeLessThan(17_100);
  });

  it('flags London then Sydney five minutes later as impossible', () => {
    const result = scoreGeoAnomaly({ previous: london, current: sydney });
    expect(result.risk).toBe(1);
    expect(result.inputs).toMatchObject({ country: 'AU', previousCountry: 'GB', minutes: 5 });
  });

  it('lets London then Paris three hours later pass', () => {
    expect(scoreGeoAnomaly({ previous: london, current: paris }).risk).toBe(0);
  });

  it('ignores short hops however fast (city databases are coarse)', () => {
    expect(scoreGeoAnomaly({ previous: london, current: { ...london, latitude: 51.9, atMs: london.atMs + 1000 } }).risk).toBe(0);
  });

  it('says nothing without two located votes', () => {
    expect(scoreGeoAnomaly({ previous: null, current: london }).risk).toBe(0);
    expect(scoreGeoAnomaly({ previous: london, current: null }).reason).toBe('address not located');
  });
});
