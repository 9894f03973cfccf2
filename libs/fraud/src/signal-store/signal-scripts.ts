import { GeoPoint } from '../signals/geo-anomaly.signal';
import { KEY_NAMES, signalKeys } from './signal-keys';
import { IP_WINDOW_MS, MEMORY_TTL_MS, RECENT_VOTES_KEPT, VoteObservation } from './signal-store.port';

/** Per vote: now, window, user, observation id, has-ip, has-device, device hash, has-prefix, lat, lon, country, record, kept, ttl. */
const ARGS_PER_VOTE = 14;

/**
 * One vote applied to the signal keys, and the counts it sees: `observe(K, A)` reads ARGV[A+1..A+14]
 * and, from KEYS[K+1], only the keys the vote uses, in KEY_NAMES order: the address's votes and
 * accounts (zsets) when it has a public address, the device's accounts and the account's devices
 * (sets) when it has a device, the account's vote times (string) always, its place (string) when
 * it is located, the prefix's accounts (set) when it has a phone prefix. Returns the reply and the
 * KEYS offset of the next vote. Sections run only for what a vote has: an unlocated vote with none
 * of them costs a string read and write (and one key on the wire, where a fixed stride of seven
 * made a vote's call several times larger than its work).
 */
const OBSERVE_FUNCTION = `
local function absent(is_member) if is_member then return 0 else return 1 end end
-- Keeps the times sorted and the last \`kept\`, as a process's view does (SignalView): votes reach
-- Redis in publication order, which is not always their order in time.
local function insertTime(times, nowText, now, kept)
  if times == '' then return nowText end
  local list, n = {}, 0
  for t in string.gmatch(times, '[^,]+') do n = n + 1; list[n] = t end
  local i = n
  while i > 0 and tonumber(list[i]) > now do i = i - 1 end
  table.insert(list, i + 1, nowText)
  return table.concat(list, ',', math.max(1, n + 2 - kept), n + 1)
end
local function observe(K, A)
  local hasIp, hasDevice, device = ARGV[A+5] == '1', ARGV[A+6] == '1', ARGV[A+7]
  local located, hasPrefix = ARGV[A+9] ~= '', ARGV[A+8] == '1'
  local kIpVotes, kIpAccounts, kDevAccounts, kUserDevices, kPlace, kPrefix
  if hasIp then kIpVotes, kIpAccounts = KEYS[K+1], KEYS[K+2]; K = K + 2 end
  if hasDevice then kDevAccounts, kUserDevices = KEYS[K+1], KEYS[K+2]; K = K + 2 end
  local kTimes = KEYS[K+1]; K = K + 1
  if located then kPlace = KEYS[K+1]; K = K + 1 end
  if hasPrefix then kPrefix = KEYS[K+1]; K = K + 1 end
  local nowText = ARGV[A+1]
  local now = tonumber(nowText); local win = tonumber(ARGV[A+2]); local user = ARGV[A+3]
  local record = ARGV[A+12] == '1'; local kept = tonumber(ARGV[A+13]); local ttl = tonumber(ARGV[A+14])
  local ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix = 0, 0, 0, 0, 1, 0
  if hasIp then
    redis.call('ZREMRANGEBYSCORE', kIpVotes, '-inf', now - win)
    redis.call('ZREMRANGEBYSCORE', kIpAccounts, '-inf', now - win)
    if record then
      redis.call('ZADD', kIpVotes, now, ARGV[A+4]); redis.call('PEXPIRE', kIpVotes, win)
      redis.call('ZADD', kIpAccounts, 'GT', now, user); redis.call('PEXPIRE', kIpAccounts, win)
    end
    ipVotes = redis.call('ZCARD', kIpVotes) + (record and 0 or 1)
    ipAccounts = redis.call('ZCARD', kIpAccounts) + (record and 0 or absent(redis.call('ZSCORE', kIpAccounts, user)))
  end
  if hasDevice then
    if record then
      redis.call('SADD', kDevAccounts, user); redis.call('PEXPIRE', kDevAccounts, ttl)
      redis.call('SADD', kUserDevices, device); redis.call('PEXPIRE', kUserDevices, ttl)
    end
    devAccounts = redis.call('SCARD', kDevAccounts) + (record and 0 or absent(redis.call('SISMEMBER', kDevAccounts, user) == 1))
    userDevices = redis.call('SCARD', kUserDevices) + (record and 0 or absent(redis.call('SISMEMBER', kUserDevices, device) == 1))
  end
  -- The cluster is |address accounts ∪ device accounts ∪ {user}|, counted without building the union.
  if hasIp and hasDevice then
    cluster = ipAccounts + devAccounts - redis.call('ZINTERCARD', 2, kIpAccounts, kDevAccounts)
    if not record then
      -- Peeked counts include the user on each side it is missing from; the union includes it once.
      local inA = redis.call('ZSCORE', kIpAccounts, user); local inB = redis.call('SISMEMBER', kDevAccounts, user) == 1
      cluster = cluster - absent(inA) - absent(inB) + ((inA or inB) and 0 or 1)
    end
  elseif hasIp then cluster = ipAccounts
  elseif hasDevice then cluster = devAccounts
  end
  if hasPrefix then
    if record then redis.call('SADD', kPrefix, user); redis.call('PEXPIRE', kPrefix, ttl) end
    prefix = redis.call('SCARD', kPrefix) + (record and 0 or absent(redis.call('SISMEMBER', kPrefix, user) == 1))
  end
  -- The account's last vote times and place are short strings ('t1,t2,…' oldest first;
  -- 'lat,lon,country,at'): one bulk string each way, where a list or hash would cost a Lua
  -- conversion per element on every vote.
  local times = redis.call('GET', kTimes) or ''
  if record then
    times = insertTime(times, nowText, now, kept)
    redis.call('SET', kTimes, times, 'PX', ttl)
  end
  -- The previous place matters only to a vote that is located itself; it stays when it is newer.
  local place = ''
  if located then
    place = redis.call('GET', kPlace) or ''
    local placedAt = tonumber(string.match(place, '[^,]*$'))
    if record and (placedAt == nil or placedAt <= now) then
      redis.call('SET', kPlace, ARGV[A+9] .. ',' .. ARGV[A+10] .. ',' .. ARGV[A+11] .. ',' .. nowText, 'PX', ttl)
    end
  end
  return { ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix, times, place }, K
end
`;

/**
 * Everything the votes of one batch read and write (one round trip, atomic: the votes are
 * applied one after the other in arrival order, each seeing those before it, so concurrent votes
 * count each other exactly). Returns one reply per vote (ScriptReply).
 */
export const OBSERVE_SCRIPT = `${OBSERVE_FUNCTION}
local replies, K = {}, 0
for v = 0, #ARGV / ${ARGS_PER_VOTE} - 1 do replies[v + 1], K = observe(K, v * ${ARGS_PER_VOTE}) end
return replies
`;
export type ScriptReply = [number, number, number, number, number, number, string, string];

/** Redis's clock in ms (TIME), for the feed's trimming and the readers' heartbeats. */
const REDIS_NOW_MS = `local clock = redis.call('TIME'); local nowMs = clock[1] * 1000 + math.floor(clock[2] / 1000)`;

/**
 * Records a batch of one process's votes (as OBSERVE_SCRIPT does, the counts unused) and appends
 * them to the signal feed in the same step, so a key's state and the feed's position always
 * agree: whoever loads a key at feed position P holds every vote up to P and none after it.
 *
 * The entry is appended only while another process reads the feed (a reader heartbeat newer than
 * the alive window in the readers' zset, FEED_HEARTBEAT_SCRIPT): a process alone in the
 * deployment publishes its votes to the keys and nothing else. A reader that registers later loads
 * its keys after registering, so they hold these votes already; one whose heartbeat lapsed starts
 * over. The votes' JSON may be left out ('') by a publisher that saw no other reader last time:
 * when there is one now, nothing is applied and the reply is 'feed-wanted' (send it again with them).
 *
 * KEYS: the votes' keys, then the feed and the readers' zset. ARGV: the votes' arguments, then the
 * publishing process's id, the votes as JSON (or ''), how long the feed keeps entries and the
 * readers' alive window (ms, by Redis's clock). Replies the entry's id, '' (no other reader: no
 * entry) or 'feed-wanted'.
 */
export const PUBLISH_SCRIPT = `${OBSERVE_FUNCTION}
${REDIS_NOW_MS}
local publisher, json = ARGV[#ARGV - 3], ARGV[#ARGV - 2]
local aliveSince = nowMs - tonumber(ARGV[#ARGV])
local readers = redis.call('ZCOUNT', KEYS[#KEYS], aliveSince, '+inf')
local own = redis.call('ZSCORE', KEYS[#KEYS], publisher)
if own and tonumber(own) >= aliveSince then readers = readers - 1 end
if readers > 0 and json == '' then return 'feed-wanted' end
local votes, K, _ = (#ARGV - 4) / ${ARGS_PER_VOTE}, 0, nil
for v = 0, votes - 1 do _, K = observe(K, v * ${ARGS_PER_VOTE}) end
if readers == 0 then return '' end
local oldest = string.format('%.0f', nowMs - tonumber(ARGV[#ARGV - 1]))
return redis.call('XADD', KEYS[#KEYS - 1], 'MINID', '~', oldest, '*', 'p', publisher, 'o', json)
`;

/**
 * A feed reader's heartbeat: KEYS[1] the readers' zset, ARGV the reader's id and the alive window
 * (ms). Records Redis's time for the reader and forgets readers gone for ten windows. Replies 1
 * when the reader's previous heartbeat was within the window (every publication since counted it
 * as a reader), 0 when it was not or there was none (publications may have left it out).
 */
export const FEED_HEARTBEAT_SCRIPT = `
${REDIS_NOW_MS}
local alive = tonumber(ARGV[2])
local previous = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], nowMs, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs - 10 * alive)
if previous and nowMs - tonumber(previous) < alive then return 1 end
return 0
`;

/**
 * Loads keys for a process's view: KEYS the keys then the feed, ARGV each key's kind (w window,
 * s set, t times or p place). Returns the feed's last id ('0-0' when empty) and each key's state:
 * a window as [member, score, …], a set as its members, times and place as their strings ('' when
 * absent). Atomic with PUBLISH_SCRIPT, so the id is the position the states are as of.
 */
export const SNAPSHOT_SCRIPT = `
local last = redis.call('XREVRANGE', KEYS[#KEYS], '+', '-', 'COUNT', 1)
local replies = { last[1] and last[1][1] or '0-0' }
for i = 1, #ARGV do
  local kind, key = ARGV[i], KEYS[i]
  if kind == 'w' then replies[i + 1] = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  elseif kind == 's' then replies[i + 1] = redis.call('SMEMBERS', key)
  else replies[i + 1] = redis.call('GET', key) or '' end
end
return replies
`;

/** KEYS and ARGV of a script call, filled vote by vote (`addVote`). */
export interface ScriptCall {
  keys: string[];
  args: (string | number)[];
}

/** Adds a vote's keys (those it uses, in the scripts' order) and arguments to a call. */
export function addVote(call: ScriptCall, prefix: string, o: VoteObservation, record: boolean): void {
  const keys = signalKeys(prefix, o);
  for (const name of KEY_NAMES) {
    const key = keys[name];
    if (key !== null) call.keys.push(key);
  }
  call.args.push(...scriptArguments(o, record));
}

function scriptArguments(o: VoteObservation, record: boolean): (string | number)[] {
  return [
    o.nowMs,
    IP_WINDOW_MS,
    o.userId,
    o.observationId,
    o.ip ? '1' : '0',
    o.deviceHash ? '1' : '0',
    o.deviceHash ?? '',
    o.phonePrefix ? '1' : '0',
    o.location ? String(o.location.latitude) : '',
    o.location ? String(o.location.longitude) : '',
    o.location?.country ?? '',
    record ? '1' : '0',
    RECENT_VOTES_KEPT,
    MEMORY_TTL_MS,
  ];
}

/** An account's vote times as the scripts store them ('t1,t2,…', oldest first). */
export function parseTimes(text: string): number[] {
  return text ? text.split(',').map(Number) : [];
}

/** An account's place as the scripts store it ('lat,lon,country,at'); null when there is none. */
export function parsePlace(text: string): GeoPoint | null {
  const [lat, lon, country, at] = text.split(',');
  return lat && lon && at ? { latitude: Number(lat), longitude: Number(lon), country: country ?? '', atMs: Number(at) } : null;
}
