import { createSecureContext } from 'node:tls';
import { ConfigError, Env, EnvReader } from '@tally/platform';

/** The HTTPS listener's certificate and key (PEM text), and the CA certificates that complete its chain. */
export interface HttpsListenerConfig {
  cert: string;
  key: string;
  ca?: string;
}

/**
 * TLS_CERT_FILE and TLS_KEY_FILE together turn the API's listener into HTTPS; neither keeps it
 * plain HTTP (TLS ending at a load balancer or proxy in front). TLS_CA_FILE adds the issuing CA
 * certificates, which Node sends after the server certificate when TLS_CERT_FILE holds the leaf
 * alone. Every file is read and the pair tried now: one missing, an unreadable file or a key
 * that does not belong to the certificate stops the start with one line, instead of a listener
 * that fails at the first handshake.
 */
export function loadHttpsListenerConfig(env: Env): HttpsListenerConfig | undefined {
  const read = new EnvReader(env);
  const cert = read.optionalPemFile('TLS_CERT_FILE', 'certificates');
  const key = read.optionalPemFile('TLS_KEY_FILE', 'private key');
  const ca = read.optionalPemFile('TLS_CA_FILE', 'certificates');
  if (cert === undefined && key === undefined) {
    if (ca !== undefined) throw new ConfigError('TLS_CA_FILE', 'is set without TLS_CERT_FILE and TLS_KEY_FILE (the HTTPS listener needs both)');
    return undefined;
  }
  if (cert === undefined) throw new ConfigError('TLS_CERT_FILE', 'is required with TLS_KEY_FILE (the HTTPS listener needs both)');
  if (key === undefined) throw new ConfigError('TLS_KEY_FILE', 'is required with TLS_CERT_FILE (the HTTPS listener needs both)');
  try {
    createSecureContext({ cert, key, ca });
  } catch (error) {
    throw new ConfigError('TLS_KEY_FILE', `cannot be used with TLS_CERT_FILE: ${openSslReason(error)}`);
  }
  return { cert, key, ...(ca === undefined ? {} : { ca }) };
}

/** OpenSSL's reason ("key values mismatch") without its error-code prefix. */
function openSslReason(error: unknown): string {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.replace(/^error:[0-9A-F]+:[^:]*:[^:]*:/, '');
}
