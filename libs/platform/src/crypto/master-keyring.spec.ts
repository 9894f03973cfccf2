import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEnvelope, sealEnvelope } from './envelope';
import { loadMasterKeyring, MasterKeyring } from './master-keyring';

const OLD = Buffer.from('o'.repeat(40));
const NEW = Buffer.from('n'.repeat(40));

describe('master keyring and envelopes (AES-256-GCM)', () => {
  const sealer = new MasterKeyring(NEW).sealer('tally.test.v1');

  it('round-trips with a fresh IV each time and a key id, and never shows the plaintext', () => {
    const a = sealer.seal('t1|stripe|secretKey', 'sk_test_4242424242424242');
    const b = sealer.seal('t1|stripe|secretKey', 'sk_test_4242424242424242');
    expect(a.kid).toMatch(/^mk1:/);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain('4242');
    expect(sealer.open(a, 't1|stripe|secretKey')).toBe('sk_test_4242424242424242');
  });

  it('refuses a tampered envelope, another context and a wrong key', () => {
    const envelope = sealer.seal('t1|stripe|secretKey', 'sk_test_abc');
    const raw = Buffer.from(envelope.ct, 'base64url');
    raw[0] ^= 1;
    expect(() => sealer.open({ ...envelope, ct: raw.toString('base64url') }, 't1|stripe|secretKey')).toThrow();
    expect(() => sealer.open({ ...envelope, iv: Buffer.alloc(12).toString('base64url') }, 't1|stripe|secretKey')).toThrow();
    expect(() => sealer.open(envelope, 't2|stripe|secretKey')).toThrow();
    expect(() => new MasterKeyring(OLD).sealer('tally.test.v1').open(envelope, 't1|stripe|secretKey')).toThrow(/No master key/);
    // Same master key, another purpose: another derived key.
    expect(() => new MasterKeyring(NEW).sealer('tally.other.v1').open(envelope, 't1|stripe|secretKey')).toThrow();
    // A raw key that is not the one used, with the kid forged to match.
    expect(() => openEnvelope(Buffer.alloc(32, 7), envelope, 't1|stripe|secretKey')).toThrow();
  });

  it('opens values sealed under a retired key and says they need sealing again', () => {
    const old = new MasterKeyring(OLD).sealer('tally.test.v1').seal('c', 'value');
    const rotated = new MasterKeyring(NEW, [OLD]).sealer('tally.test.v1');
    expect(rotated.open(old, 'c')).toBe('value');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('c', 'value'))).toBe(true);
  });

  it('generates the master key under DATA_DIR (mode 0600) when none is configured, and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-keyring-'));
    try {
      const first = loadMasterKeyring({}, dir);
      expect(statSync(join(dir, 'master-key')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'master-key'), 'utf8').length).toBeGreaterThanOrEqual(32);
      const sealed = first.sealer('p').seal('c', 'kept');
      expect(loadMasterKeyring({}, dir).sealer('p').open(sealed, 'c')).toBe('kept');
      expect(loadMasterKeyring({ TALLY_MASTER_KEY: 'x'.repeat(32) }, dir).currentKid).not.toBe(first.currentKid);
      expect(() => loadMasterKeyring({ TALLY_MASTER_KEY: 'short' }, dir)).toThrow(/TALLY_MASTER_KEY/);
      expect(() => loadMasterKeyring({ TALLY_MASTER_KEYS_RETIRED: 'short' }, dir)).toThrow(/TALLY_MASTER_KEYS_RETIRED/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generates no master key in production, even when DATA_DIR holds one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-keyring-'));
    try {
      loadMasterKeyring({}, dir);
      expect(() => loadMasterKeyring({ NODE_ENV: 'production' }, dir)).toThrow('Invalid configuration: TALLY_MASTER_KEY is required with NODE_ENV=production');
      expect(loadMasterKeyring({ NODE_ENV: 'production', TALLY_MASTER_KEY: 'x'.repeat(32) }, dir).currentKid).toMatch(/^mk1:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the envelope format identity has always used (kid and field as additional data)', () => {
    const key = Buffer.alloc(32, 3);
    const envelope = sealEnvelope(key, 'sk1:u1', 'email', 'ada@example.com');
    expect(openEnvelope(key, envelope, 'email')).toBe('ada@example.com');
    expect(() => openEnvelope(key, { ...envelope, kid: 'sk1:u2' }, 'email')).toThrow();
  });
});
