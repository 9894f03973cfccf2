import { AppendedCensus, censusRulesOut } from './appended-census';

const census: AppendedCensus = { from: '00000000000000000010:0000000000000000005', to: '00000000000000000012:0000000000000000009', eventTypes: new Set(['VoteCast', 'VoteRefunded']) };

describe('censusRulesOut', () => {
  it('rules out a read from the census start whose types were not appended', () => {
    expect(censusRulesOut(census, { eventTypes: ['TenantCreated', 'TenantRenamed'] }, census.from)).toBe(true);
    expect(censusRulesOut(census, { streamPrefixes: ['tenant-'], eventTypes: ['TenantCreated'] }, census.from)).toBe(true);
  });

  it('reads when one of the filter types was appended', () => {
    expect(censusRulesOut(census, { eventTypes: ['TenantCreated', 'VoteCast'] }, census.from)).toBe(false);
  });

  it('reads when the read starts anywhere but the census start: the census does not cover the gap or overlaps', () => {
    expect(censusRulesOut(census, { eventTypes: ['TenantCreated'] }, '00000000000000000009:0000000000000000004')).toBe(false);
    expect(censusRulesOut(census, { eventTypes: ['TenantCreated'] }, census.to)).toBe(false);
    expect(censusRulesOut(census, { eventTypes: ['TenantCreated'] }, null)).toBe(false);
  });

  it('reads when the filter names no types, or there is no census', () => {
    expect(censusRulesOut(census, { streamPrefixes: ['tenant-'] }, census.from)).toBe(false);
    expect(censusRulesOut(census, { eventTypes: [] }, census.from)).toBe(false);
    expect(censusRulesOut(census, {}, census.from)).toBe(false);
    expect(censusRulesOut(null, { eventTypes: ['TenantCreated'] }, census.from)).toBe(false);
  });
});
