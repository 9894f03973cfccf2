import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const REGISTERED_REACTOR = 'tally:registeredReactor';

/**
 * Marks a provider implementing `Reactor`: the projection runner of the worker role finds it
 * through Nest's DiscoveryService and runs it; contexts list it among their providers as usual.
 */
export const RegisteredReactor = (): ClassDecorator => applyDecorators(Injectable(), SetMetadata(REGISTERED_REACTOR, true));
