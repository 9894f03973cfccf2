/**
 * An AES-256-GCM field envelope (EVENTSTORE.md §3): `kid` names the subject key in
 * `subject_keys`, `iv` and `ct` (ciphertext + tag) are base64url. Once the key is deleted the
 * envelope is noise; everything around it still replays.
 */
export type { Envelope } from '@tally/platform';

/** The fields an envelope may hold; the name is bound into the cipher (AAD). */
export type PiiField = 'email' | 'phone' | 'otp-code' | 'otp-destination' | 'reset-token' | 'reset-destination';
