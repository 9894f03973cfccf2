import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const REGISTERED_TASK = 'tally:registeredTask';

/**
 * Marks a provider implementing `TaskHandler` as the handler of one task type
 * (`<context>.<task>`): the task worker of the worker role finds it through Nest's
 * DiscoveryService; contexts list it among their module's providers as usual.
 */
export const RegisteredTask = (type: string): ClassDecorator => applyDecorators(Injectable(), SetMetadata(REGISTERED_TASK, type));
