import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const REGISTERED_JOB = 'tally:registeredJob';

/**
 * Marks a provider implementing `ScheduledJob`: the JobScheduler of the worker role finds it
 * through Nest's DiscoveryService; contexts list it among their module's providers as usual.
 */
export const RegisteredJob = (): ClassDecorator => applyDecorators(Injectable(), SetMetadata(REGISTERED_JOB, true));
