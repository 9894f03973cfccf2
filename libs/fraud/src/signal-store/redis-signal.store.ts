import Redis from 'ioredis';
import { IP_WINDOW_MS, MEMORY_TTL_MS, ObservedSignals, RECENT_VOTES_KEPT, SignalStore, VoteObservation } from './signal-store.port';

const KEYS_PER_VOTE = 7;
const ARGS_PER_VOTE = 14;

/**
 * Everything the votes of one batch read and write, in one script (one round trip, atomic: the
 * votes are applied one after the other in arrival order, each seeing those before it, so
 * concurrent votes count each other exactly as one script per vote did). Sections run only for
 * what a vote has (a public address, a device, a phone prefix, a location): an unlocated vote
 * with none of them costs a string read and write. Per vote, KEYS_PER_VOTE keys: address votes
 * (zset), address accounts (zset), device accounts (set), account devices (set), account vote
 * times (string), account place (string), prefix accounts (set); ARGS_PER_VOTE arguments: now,
 * window, user, observation id, has-ip, has-device, device hash, has-prefix, lat, lon, country,
 * record, kept, ttl. Returns one reply per vote.
 */
const OBSERVE_SCRIPT = `
local function absent(is_member) if is_member then return 0 else return 1 end end
local replies = {}
for v = 0, #ARGV / ${ARGS_PER_VOTE} - 1 do
  local K, A = v * ${KEYS_PER_VOTE}, v * ${ARGS_PER_VOTE}
  local kIpVotes, kIpAccounts, kDevAccounts, kUserDevices, kTimes, kPlace, kPrefix = KEYS[K+1], KEYS[K+2], KEYS[K+3], KEYS[K+4], KEYS[K+5], KEYS[K+6], KEYS[K+7]
  local nowText = ARGV[A+1]
  local now = tonumber(nowText); local win = tonumber(ARGV[A+2]); local user = ARGV[A+3]
  local record = ARGV[A+12] == '1'; local kept = tonumber(ARGV[A+13]); local ttl = tonumber(ARGV[A+14])
  local hasIp, hasDevice, device = ARGV[A+5] == '1', ARGV[A+6] == '1', ARGV[A+7]
  local ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix = 0, 0, 0, 0, 1, 0
  if hasIp then
    redis.call('ZREMRANGEBYSCORE', kIpVotes, '-inf', now - win)
    redis.call('ZREMRANGEBYSCORE', kIpAccounts, '-inf', now - win)
    if record then
      redis.call('ZADD', kIpVotes, now, ARGV[A+4]); redis.call('PEXPIRE', kIpVotes, win)
      redis.call('ZADD', kIpAccounts, now, user); redis.call('PEXPIRE', kIpAccounts, win)
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
  if ARGV[A+8] == '1' then
    if record then redis.call('SADD', kPrefix, user); redis.call('PEXPIRE', kPrefix, ttl) end
    prefix = redis.call('SCARD', kPrefix) + (record and 0 or absent(redis.call('SISMEMBER', kPrefix, user) == 1))
  end
  -- The account's last vote times and place are short strings ('t1,t2,…' oldest first;
  -- 'lat,lon,country,at'): one bulk string each way, where a list or hash would cost a Lua
  -- conversion per element on every vote.
  local times = redis.call('GET', kTimes) or ''
  if record then
    times = times == '' and nowText or times .. ',' .. nowText
    local _, commas = string.gsub(times, ',', ',')
    for _ = kept, commas do times = string.sub(times, string.find(times, ',', 1, true) + 1) end
    redis.call('SET', kTimes, times, 'PX', ttl)
  end
  -- The previous place matters only to a vote that is located itself.
  local place = ''
  if ARGV[A+9] ~= '' then
    place = redis.call('GET', kPlace) or ''
    if record then redis.call('SET', kPlace, ARGV[A+9] .. ',' .. ARGV[A+10] .. ',' .. ARGV[A+11] .. ',' .. nowText, 'PX', ttl) end
  end
  replies[v + 1] = { ipVotes, ipAccounts, devAccounts, userDevices, cluster, prefix, times, place }
end
return replies
`;
type ScriptReply = [number, number, number, number, number, number, string, string];

interface ObserveCommand {
  fraudObserve(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<ScriptReply[]>;
}

interface Waiting {
  observation: VoteObservation;
  record: boolean;
  resolve: (signals: ObservedSignals) => void;
  reject: (error: unknown) => void;
}

/**
 * The signal state in Redis, shared by every API process: keys `<prefix>fraud:<tenant>:…`.
 * Observations are batched like a group commit: those that arrive while the event loop is busy
 * with one turn (concurrent votes) leave together at the end of it, at most `batchMax` in one
 * script call (Redis runs nothing else meanwhile: ≈ 30–70 µs per vote), so Redis and this process pay one command per batch instead of one per vote. A
 * lone vote waits for nothing but the end of the current turn.
 */
export class RedisSignalStore implements SignalStore {
  private readonly client: Redis & ObserveCommand;
  private waiting: Waiting[] = [];

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly batchMax = 64,
  ) {
    if (!('fraudObserve' in redis)) redis.defineCommand('fraudObserve', { lua: OBSERVE_SCRIPT });
    this.client = redis as Redis & ObserveCommand;
  }

  observe(observation: VoteObservation): Promise<ObservedSignals> {
    return this.enqueue(observation, true);
  }

  peek(observation: VoteObservation): Promise<ObservedSignals> {
    return this.enqueue(observation, false);
  }

  private enqueue(observation: VoteObservation, record: boolean): Promise<ObservedSignals> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ observation, record, resolve, reject });
    });
  }

  private flush(): void {
    const all = this.waiting;
    this.waiting = [];
    for (let from = 0; from < all.length; from += this.batchMax) void this.run(all.slice(from, from + this.batchMax));
  }

  private async run(batch: Waiting[]): Promise<void> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const { observation, record } of batch) this.addArguments(observation, record, keys, args);
    try {
      const replies = await this.client.fraudObserve(keys.length, ...keys, ...args);
      batch.forEach((waiting, i) => waiting.resolve(this.signalsOf(waiting.observation, waiting.record, replies[i])));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  private addArguments(o: VoteObservation, record: boolean, keys: string[], args: (string | number)[]): void {
    const k = `${this.prefix}fraud:${o.tenantId}:`;
    const ip = o.ip ?? '-';
    keys.push(`${k}ip:${ip}:votes`, `${k}ip:${ip}:accounts`, `${k}dev:${o.deviceHash ?? '-'}:accounts`, `${k}user:${o.userId}:devices`, `${k}user:${o.userId}:times`, `${k}user:${o.userId}:place`, `${k}prefix:${o.phonePrefix ?? '-'}:accounts`);
    args.push(
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
  }

  private signalsOf(o: VoteObservation, record: boolean, reply: ScriptReply): ObservedSignals {
    const [ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, timesText, place] = reply;
    const times = timesText ? timesText.split(',').map(Number) : [];
    // A peek sees the history as it is; the would-be vote comes last, as a recorded one would.
    const recentVoteTimesMs = record ? times : [...times, o.nowMs].slice(-RECENT_VOTES_KEPT);
    const [lat, lon, country, at] = place.split(',');
    const previousLocation = lat && lon && at ? { latitude: Number(lat), longitude: Number(lon), country: country ?? '', atMs: Number(at) } : null;
    return { ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, recentVoteTimesMs, previousLocation };
  }
}
