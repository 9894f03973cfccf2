import { readFileSync } from 'node:fs';
import { ConfigError, Env, EnvReader } from '@tally/platform';
import { developmentVapidKeys, vapidPairMatches, VapidKeys } from './vapid/vapid-keys';

/** A Google service account (the JSON file's fields FCM's HTTP v1 API needs). */
export interface FcmServiceAccount {
  projectId: string;
  clientEmail: string;
  privateKey: string;
  tokenUri: string;
}

export interface NotificationsConfig {
  /**
   * Null: Web Push is off (production with no VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY), and Web Push
   * devices are refused (422 push-transport-not-configured), as FCM devices are without FCM.
   */
  vapid: (VapidKeys & { subject: string }) | null;
  /** Null: FCM devices are refused (422 push-transport-not-configured). */
  fcm: { account: FcmServiceAccount; baseUrl: string } | null;
  /** Host names (or `.suffix`) a Web Push endpoint may point at: a voter's endpoint is a URL this server will POST to. */
  endpointHosts: readonly string[];
  /** PEM of certificate authorities trusted for push endpoints besides the system's (a local push service, a TLS-inspecting proxy); null: the system's only. */
  extraCa: string | null;
  /** How long before an event's end date its voters and followers hear it is closing. */
  closingSoonMinutes: number;
  /** How often the closing-soon job looks for events entering that window. */
  closingSoonIntervalMs: number;
  /** How often the rank-watch job compares favourites' ranks, and the quiet time between two rank notices to one voter. */
  rankWatchIntervalMs: number;
  rankChangeMinMinutes: number;
  /** The quiet time between two receipt-anchored notices to one voter (across their events). */
  anchoredMinMinutes: number;
  /** Time to live handed to the push service (seconds) and the HTTP timeout of one send. */
  ttlSeconds: number;
  sendTimeoutMs: number;
  maxDevicesPerUser: number;
}

export const NOTIFICATIONS_CONFIG = Symbol('NotificationsConfig');

/** The push services browsers subscribe with (Chrome/Edge via FCM, Firefox, Windows, Safari). */
const KNOWN_PUSH_HOSTS = ['fcm.googleapis.com', 'android.googleapis.com', '.push.services.mozilla.com', '.notify.windows.com', '.push.apple.com'];

export function loadNotificationsConfig(env: Env, production: boolean): NotificationsConfig {
  const read = new EnvReader(env);
  const hosts = read.optionalString('PUSH_ENDPOINT_HOSTS');
  return {
    vapid: vapidSettings(read, production),
    fcm: fcmSettings(read),
    endpointHosts: hosts ? hosts.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean) : KNOWN_PUSH_HOSTS,
    extraCa: extraCa(read),
    closingSoonMinutes: read.int('PUSH_CLOSING_SOON_MINUTES', 60, { min: 1, max: 10_080 }),
    closingSoonIntervalMs: read.int('PUSH_CLOSING_SOON_INTERVAL_MS', 60_000, { min: 500 }),
    rankWatchIntervalMs: read.int('PUSH_RANK_WATCH_INTERVAL_MS', 60_000, { min: 1000 }),
    rankChangeMinMinutes: read.int('PUSH_RANK_CHANGE_MIN_MINUTES', 30, { min: 1, max: 10_080 }),
    anchoredMinMinutes: read.int('PUSH_ANCHORED_MIN_MINUTES', 60, { min: 1, max: 10_080 }),
    ttlSeconds: read.int('PUSH_TTL_SECONDS', 3600, { min: 0, max: 2_419_200 }),
    sendTimeoutMs: read.int('PUSH_SEND_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    maxDevicesPerUser: read.int('PUSH_MAX_DEVICES_PER_USER', 10, { min: 1, max: 100 }),
  };
}

function extraCa(read: EnvReader): string | null {
  const file = read.optionalString('PUSH_TLS_CA_FILE');
  if (!file) return null;
  try {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    return pem;
  } catch (error) {
    throw new ConfigError('PUSH_TLS_CA_FILE', `cannot be read as PEM certificates: ${(error as Error).message}`);
  }
}

function vapidSettings(read: EnvReader, production: boolean): NotificationsConfig['vapid'] {
  const keys = vapidKeys(read, production);
  return keys ? { ...keys, subject: read.string('VAPID_SUBJECT', 'mailto:push@tally.invalid') } : null;
}

/**
 * Production never derives a key (every deployment would share it): without a configured pair
 * Web Push is off, like FCM without its service account, so push stays an option an operator
 * turns on (`npx web-push generate-vapid-keys`), not a setting every deployment must carry.
 */
function vapidKeys(read: EnvReader, production: boolean): VapidKeys | null {
  const publicKey = read.optionalString('VAPID_PUBLIC_KEY');
  const privateKey = read.optionalString('VAPID_PRIVATE_KEY');
  if (!publicKey && !privateKey) return production ? null : developmentVapidKeys();
  if (!publicKey || !privateKey) throw new ConfigError(publicKey ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY', 'is required with the other VAPID key');
  if (!vapidPairMatches({ publicKey, privateKey })) throw new ConfigError('VAPID_PRIVATE_KEY', 'is not the private key of VAPID_PUBLIC_KEY (both base64url, P-256)');
  return { publicKey, privateKey };
}

function fcmSettings(read: EnvReader): NotificationsConfig['fcm'] {
  const json = read.optionalString('FCM_SERVICE_ACCOUNT_JSON');
  if (!json) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new ConfigError('FCM_SERVICE_ACCOUNT_JSON', 'is not JSON (paste the service account key file)');
  }
  const field = (name: string): string => {
    const value = parsed[name];
    if (typeof value !== 'string' || value === '') throw new ConfigError('FCM_SERVICE_ACCOUNT_JSON', `lacks ${name}`);
    return value;
  };
  const baseUrl = read.url('FCM_BASE_URL', ['https', 'http'])?.toString().replace(/\/$/, '') ?? 'https://fcm.googleapis.com';
  const tokenUri = read.url('FCM_TOKEN_URL', ['https', 'http'])?.toString() ?? field('token_uri');
  return { account: { projectId: field('project_id'), clientEmail: field('client_email'), privateKey: field('private_key'), tokenUri }, baseUrl };
}
