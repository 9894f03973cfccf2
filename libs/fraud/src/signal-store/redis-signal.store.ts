import Redis from 'ioredis';
import { addVote, OBSERVE_SCRIPT, parsePlace, parseTimes, ScriptCall, ScriptReply } from './signal-scripts';
import { ObservedSignals, RECENT_VOTES_KEPT, SignalStore, VoteObservation } from './signal-store.port';

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
    const call: ScriptCall = { keys: [], args: [] };
    for (const { observation, record } of batch) addVote(call, this.prefix, observation, record);
    try {
      const replies = await this.client.fraudObserve(call.keys.length, ...call.keys, ...call.args);
      batch.forEach((waiting, i) => waiting.resolve(this.signalsOf(waiting.observation, waiting.record, replies[i])));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  private signalsOf(o: VoteObservation, record: boolean, reply: ScriptReply): ObservedSignals {
    const [ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, timesText, place] = reply;
    const times = parseTimes(timesText);
    // A peek sees the history as it is; the would-be vote comes last, as a recorded one would.
    const recentVoteTimesMs = record ? times : [...times, o.nowMs].slice(-RECENT_VOTES_KEPT);
    const previousLocation = parsePlace(place);
    return { ipVotes, ipAccounts, deviceAccounts, accountDevices, clusterSize, prefixAccounts, recentVoteTimesMs, previousLocation };
  }
}
