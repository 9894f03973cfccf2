import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate issued by a TestPki: the PEM texts and the files that hold them. */
export interface IssuedCertificate {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

/**
 * A throw-away certificate authority made with openssl (P-256 keys: fast to make, as in real
 * deployments): `caFile` is what a client trusts, `issue()` makes server certificates signed by
 * it, or by an intermediate CA (`intermediate()`), which is how public CAs issue. Files live in
 * one temp dir that remove() deletes.
 */
export class TestPki {
  private serial = 0;

  private constructor(
    readonly dir: string,
    readonly name: string,
    private readonly signer: { certFile: string; keyFile: string },
    readonly caFile: string,
  ) {}

  static create(name: string): TestPki {
    const dir = mkdtempSync(join(tmpdir(), 'tally-pki-'));
    const keyFile = newKey(dir, 'ca');
    const certFile = join(dir, 'ca.crt');
    openssl(['req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=${name}`, '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', certFile]);
    return new TestPki(dir, name, { certFile, keyFile }, certFile);
  }

  get ca(): string {
    return readFileSync(this.caFile, 'utf8');
  }

  /** An intermediate CA signed by this one; what it issues chains to this CA's caFile through it. */
  intermediate(name: string): TestPki & { certificate: IssuedCertificate } {
    const issued = this.sign(name, ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign']);
    return Object.assign(new TestPki(this.dir, name, issued, this.caFile), { certificate: issued });
  }

  /** A server certificate for these subject alternative names (e.g. `DNS:localhost`, `IP:127.0.0.1`). */
  issue(altNames: string[]): IssuedCertificate {
    return this.sign(altNames[0]?.replace(/^\w+:/, '') ?? 'server', [`subjectAltName=${altNames.join(',')}`, 'extendedKeyUsage=serverAuth', 'keyUsage=critical,digitalSignature']);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private sign(commonName: string, extensions: string[]): IssuedCertificate {
    const base = `${this.name.replace(/\W+/g, '-')}-${++this.serial}`;
    const keyFile = newKey(this.dir, base);
    const csr = join(this.dir, `${base}.csr`);
    const extFile = join(this.dir, `${base}.ext`);
    const certFile = join(this.dir, `${base}.crt`);
    openssl(['req', '-new', '-key', keyFile, '-subj', `/CN=${commonName}`, '-out', csr]);
    writeFileSync(extFile, `${extensions.join('\n')}\n`);
    openssl(['x509', '-req', '-in', csr, '-CA', this.signer.certFile, '-CAkey', this.signer.keyFile, '-CAcreateserial', '-days', '2', '-extfile', extFile, '-out', certFile]);
    return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile, keyFile };
  }
}

function newKey(dir: string, base: string): string {
  const keyFile = join(dir, `${base}.key`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile]);
  return keyFile;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
