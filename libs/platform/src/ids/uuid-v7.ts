import { randomFillSync } from 'node:crypto';

// Node 20 has no randomUUIDv7 and the uuid package is ESM-only; RFC 9562 §5.7 is short enough
// to own. A per-process counter in the random bits keeps ids minted in the same millisecond
// ordered, so ids sort by creation time within a process.
let lastMs = 0;
let sequence = 0;

// Random bytes are drawn from the CSPRNG 4 KiB at a time, as Node's own randomUUID does: one
// call per id (several per vote) cost more than the rest of the id.
const entropy = Buffer.allocUnsafe(4096);
let entropyOffset = entropy.length;

function randomBytes16(): Buffer {
  if (entropyOffset + 16 > entropy.length) {
    randomFillSync(entropy);
    entropyOffset = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  entropy.copy(bytes, 0, entropyOffset, entropyOffset + 16);
  entropyOffset += 16;
  return bytes;
}

export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes16();
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = ((bytes[6] << 8) | bytes[7]) & 0x7ff;
  }
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
