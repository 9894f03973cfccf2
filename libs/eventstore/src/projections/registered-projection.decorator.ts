import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const REGISTERED_PROJECTION = 'tally:registeredProjection';

/**
 * Marks a provider implementing `Projection` so the projection runner finds it through Nest's
 * DiscoveryService; contexts list it among their module's providers as usual.
 */
export const RegisteredProjection = (): ClassDecorator => applyDecorators(Injectable(), SetMetadata(REGISTERED_PROJECTION, true));
