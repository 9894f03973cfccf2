import { LayeredMap } from './layered-map';

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface RememberedRequest<Response> {
  fingerprint: string;
  atMs: number;
  response: Response;
}

/**
 * The Idempotency-Keys a voter used within the window (24 hours) before their newest vote, with
 * the response each got. A key is forgotten once the newest vote is a window past it: the
 * cutoff is the events' own time, so a rebuild remembers exactly the same keys. Expired keys
 * are dropped when the layers fold, so the structure stays the size of one window.
 */
export class RecentRequests<Response> {
  private constructor(
    private readonly byKey: LayeredMap<string, RememberedRequest<Response>>,
    private readonly newestMs: number,
  ) {}

  static empty<Response>(): RecentRequests<Response> {
    return new RecentRequests<Response>(LayeredMap.empty(), Number.NEGATIVE_INFINITY);
  }

  get(key: string): RememberedRequest<Response> | undefined {
    const remembered = this.byKey.get(key);
    return remembered && this.live(remembered, this.newestMs) ? remembered : undefined;
  }

  remember(key: string, request: RememberedRequest<Response>): RecentRequests<Response> {
    const newestMs = Math.max(this.newestMs, request.atMs);
    return new RecentRequests(
      this.byKey.with(key, request, (kept) => this.live(kept, newestMs)),
      newestMs,
    );
  }

  private live(request: RememberedRequest<Response>, newestMs: number): boolean {
    return newestMs - request.atMs < IDEMPOTENCY_WINDOW_MS;
  }
}
