import Redis from 'ioredis';
import { IP_WINDOW_MS, MEMORY_TTL_MS, ObservedSignals, RECENT_VOTES_KEPT, SignalStore, VoteObservation } from './signal-store.port';

/**
 * Everything one vote reads and writes, in one script (one round trip, atomic, so concurrent
 * votes from one address count each other). KEYS: address votes (zset), address accounts (zset),
 * device accounts (set), account devices (set), account vote times (list), account place (hash),
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
if ARGV[5] == '1' or ARGV[6] == '1' then
  local sources = {}
  if ARGV[5] == '1' then table.insert(sources, KEYS[2]) end
  if ARGV[6] == '1' then table.insert(sources, KEYS[3]) end
  local members = redis.call('ZUNION', #sources, unpack(sources))
  local seen = false
  for _, m in ipairs(members) do if m == user then seen = true end end
  cluster = #members + absent(seen)
end
if ARGV[8] == '1' then
  if record then redis.call('SADD', KEYS[7], user); redis.call('PEXPIRE', KEYS[7], ttl) end
  prefix = redis.call('SCARD', KEYS[7]) + (record and 0 or absent(redis.call('SISMEMBER', KEYS[7], user) == 1))
end
if record then
  redis.call('LPUSH', KEYS[5], now); redis.call('LTRIM', KEYS[5], 0, kept - 1); redis.call('PEXPIRE', KEYS[5], ttl)
end
local times = redis.call('LRANGE', KEYS[5], 0, kept - 1)
local place = redis.call('HMGET', KEYS[6], 'lat', 'lon', 'country', 'at')
if record and ARGV[9] ~= '' then
  redis.call('HSET', KEYS[6], 'lat', ARGV[9], 'lon', ARGV[10], 'country', ARGV[11], 'at', now); redis.call('PEXPIRE', KEYS[6], ttl)
end
return { ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix, times, place }
`;

type ScriptReply = [number, number, number, number, number, number, string[], (string | null)[]];

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
    const [ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, newestFirst, place] = reply;
    const times = newestFirst.map(Number).reverse();
    // A peek sees the history as it is; the would-be vote comes last, as a recorded one would.
    const recentVoteTimesMs = record ? times : [...times, o.nowMs].slice(-RECENT_VOTES_KEPT);
    const [lat, lon, country, at] = place;
    const previousLocation = lat && lon && at ? { latitude: Number(lat), longitude: Number(lon), country: country ?? '', atMs: Number(at) } : null;
    return { ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, recentVoteTimesMs, previousLocation };
  }
}
