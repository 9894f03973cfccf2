import passport from 'passport';
import type { Actor } from '@tally/platform';
import type { BearerAuthenticator, BearerRequest } from './bearer-authenticator';
import { BearerStrategy } from './bearer.strategy';

const request: BearerRequest = { headers: { authorization: 'Bearer a.b.c' } };

type Middleware = (request: BearerRequest, response: object, next: (error?: Error) => void) => void;

/** What passport answers for a strategy name: [error, user]. */
function run(name: string): Promise<[Error | null, unknown]> {
  return new Promise((resolve) => {
    const middleware = passport.authenticate(name, { session: false }, (error: Error | null, user: unknown) => resolve([error, user])) as Middleware;
    middleware(request, {}, (error) => resolve([error ?? null, undefined]));
  });
}

function authenticator(answer: () => Promise<Actor | null>): BearerAuthenticator {
  return { authenticate: answer } as unknown as BearerAuthenticator;
}

describe('BearerStrategy', () => {
  const alice: Actor = { userId: 'alice', roles: ['voter'], sessionId: 's-alice' };
  const bob: Actor = { userId: 'bob', roles: ['voter'], sessionId: 's-bob' };

  it("registers each application's strategy under its own name, so two apps in one process never share one", async () => {
    const first = new BearerStrategy(authenticator(async () => alice));
    const second = new BearerStrategy(authenticator(async () => bob));
    expect(first.name).not.toBe(second.name);
    await expect(run(first.name)).resolves.toEqual([null, alice]);
    await expect(run(second.name)).resolves.toEqual([null, bob]);
    first.onModuleDestroy();
    second.onModuleDestroy();
    await expect(run(first.name)).resolves.toEqual([new Error(`Unknown authentication strategy "${first.name}"`), undefined]);
  });

  it('fails without a user when the token is not valid here, and passes errors on', async () => {
    const refusing = new BearerStrategy(authenticator(async () => null));
    const broken = new BearerStrategy(authenticator(() => Promise.reject(new Error('sessions unavailable'))));
    await expect(run(refusing.name)).resolves.toEqual([null, false]);
    await expect(run(broken.name)).resolves.toEqual([new Error('sessions unavailable'), undefined]);
    refusing.onModuleDestroy();
    broken.onModuleDestroy();
  });
});
