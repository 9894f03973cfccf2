import Redis from 'ioredis';
import { IP_WINDOW_MS, MEMORY_TTL_MS, ObservedSignals, RECENT_VOTES_KEPT, SignalStore, VoteObservation } from './signal-store.port';

/**
 * Everything one vote reads and writes, in one script (one round trip, atomic, so concurrent
 * votes from one address count each other). Sections run only for what the vote has (a public
 * address, a device, a phone prefix, a location): an unlocated vote with none of them costs a
 * list push and read. KEYS: address votes (zset), address accounts (zset),
 * device accounts (set), account devices (set), account vote times (string), account place (string),
 * prefix accounts (set). ARGV: now, window, user, observation id, has-ip, has-device, device
 * hash, has-prefix, lat, lon, country, record, kept, ttl.
 */
const OBSERVE_SCRIPT = `
local now = tonumber(ARGV[1]); local win = tonumber(ARGV[2]); local user = ARGV[3]
local record = ARGV[12] == '1'; local kept = tonumber(ARGV[13]); local ttl = tonumber(ARGV[14])
local function absent(is_member) if is_member then return 0 else return 1 end end
local ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix = 0, 0, 0, 0, 1, 0
if ARGV[5] == '1' then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - win)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - win)
  if record then
    redis.call('ZADD', KEYS[1], now, ARGV[4]); redis.call('PEXPIRE', KEYS[1], win)
    redis.call('ZADD', KEYS[2], now, user); redis.call('PEXPIRE', KEYS[2], win)
  end
  ipVotes = redis.call('ZCARD', KEYS[1]) + (record and 0 or 1)
  ipAccounts = redis.call('ZCARD', KEYS[2]) + (record and 0 or absent(redis.call('ZSCORE', KEYS[2], user)))
end
if ARGV[6] == '1' then
  if record then
    redis.call('SADD', KEYS[3], user); redis.call('PEXPIRE', KEYS[3], ttl)
    redis.call('SADD', KEYS[4], ARGV[7]); redis.call('PEXPIRE', KEYS[4], ttl)
  end
  devAccounts = redis.call('SCARD', KEYS[3]) + (record and 0 or absent(redis.call('SISMEMBER', KEYS[3], user) == 1))
  userDevices = redis.call('SCARD', KEYS[4]) + (record and 0 or absent(redis.call('SISMEMBER', KEYS[4], ARGV[7]) == 1))
end
-- The cluster is |address accounts ∪ device accounts ∪ {user}|, counted without building the union.
if ARGV[5] == '1' and ARGV[6] == '1' then
  cluster = ipAccounts + devAccounts - redis.call('ZINTERCARD', 2, KEYS[2], KEYS[3])
  if not record then
    -- Peeked counts include the user on each side it is missing from; the union includes it once.
    local inA = redis.call('ZSCORE', KEYS[2], user); local inB = redis.call('SISMEMBER', KEYS[3], user) == 1
    cluster = cluster - absent(inA) - absent(inB) + ((inA or inB) and 0 or 1)
  end
elseif ARGV[5] == '1' then cluster = ipAccounts
elseif ARGV[6] == '1' then cluster = devAccounts
end
if ARGV[8] == '1' then
  if record then redis.call('SADD', KEYS[7], user); redis.call('PEXPIRE', KEYS[7], ttl) end
  prefix = redis.call('SCARD', KEYS[7]) + (record and 0 or absent(redis.call('SISMEMBER', KEYS[7], user) == 1))
end
-- The account's last vote times and place are short strings ('t1,t2,…' oldest first;
-- 'lat,lon,country,at'): one bulk string each way, where a list or hash would cost a Lua
-- conversion per element on every vote.
local times = redis.call('GET', KEYS[5]) or ''
if record then
  times = times == '' and ARGV[1] or times .. ',' .. ARGV[1]
  local _, commas = string.gsub(times, ',', ',')
  for _ = kept, commas do times = string.sub(times, string.find(times, ',', 1, true) + 1) end
  redis.call('SET', KEYS[5], times, 'PX', ttl)
end
-- The previous place matters only to a vote that is located itself.
local place = ''
if ARGV[9] ~= '' then
  place = redis.call('GET', KEYS[6]) or ''
  if record then redis.call('SET', KEYS[6], ARGV[9] .. ',' .. ARGV[10] .. ',' .. ARGV[11] .. ',' .. ARGV[1], 'PX', ttl) end
end
return { ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix, times, place }
`;

type ScriptReply = [number, number, number, number, number, number, string, string];

interface ObserveCommand {
  fraudObserve(...args: (string | number)[]): Promise<ScriptReply>;
}

/** The signal state in Redis, shared by every API process: keys `<prefix>fraud:<tenant>:…`. */
export class RedisSignalStore implements SignalStore {
  private readonly client: Redis & ObserveCommand;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    if (!('fraudObserve' in redis)) redis.defineCommand('fraudObserve', { numberOfKeys: 7, lua: OBSERVE_SCRIPT });
    this.client = redis as Redis & ObserveCommand;
  }

  observe(observation: VoteObservation): Promise<ObservedSignals> {
    return this.run(observation, true);
  }

  peek(observation: VoteObservation): Promise<ObservedSignals> {
    return this.run(observation, false);
  }

  private async run(o: VoteObservation, record: boolean): Promise<ObservedSignals> {
    const k = `${this.prefix}fraud:${o.tenantId}:`;
    const reply = await this.client.fraudObserve(
      `${k}ip:${o.ip ?? '-'}:votes`,
      `${k}ip:${o.ip ?? '-'}:accounts`,
      `${k}dev:${o.deviceHash ?? '-'}:accounts`,
      `${k}user:${o.userId}:devices`,
      `${k}user:${o.userId}:times`,
      `${k}user:${o.userId}:place`,
      `${k}prefix:${o.phonePrefix ?? '-'}:accounts`,
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
    );
    const [ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, timesText, place] = reply;
    const times = timesText ? timesText.split(',').map(Number) : [];
    // A peek sees the history as it is; the would-be vote comes last, as a recorded one would.
    const recentVoteTimesMs = record ? times : [...times, o.nowMs].slice(-RECENT_VOTES_KEPT);
    const [lat, lon, country, at] = place.split(',');
    const previousLocation = lat && lon && at ? { latitude: Number(lat), longitude: Number(lon), country: country ?? '', atMs: Number(at) } : null;
    return { ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, recentVoteTimesMs, previousLocation };
  }
}
