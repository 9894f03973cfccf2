import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Projection } from './projection';
import { Reactor, reactorAsProjection } from '../reactors/reactor';
import { REGISTERED_REACTOR } from '../reactors/registered-reactor.decorator';
import { REGISTERED_PROJECTION } from './registered-projection.decorator';

/** Unknown projection name (CLI, dead-letter replay). */
export class UnknownProjectionError extends Error {
  constructor(
    readonly projection: string,
    known: readonly string[],
  ) {
    super(`Unknown projection "${projection}"; known: ${known.join(', ') || 'none'}`);
    this.name = 'UnknownProjectionError';
  }
}

/**
 * Every provider marked `@RegisteredProjection()` or `@RegisteredReactor()` in any module of the application, found
 * through Nest's DiscoveryService once the module graph is built.
 */
@Injectable()
export class ProjectionRegistry implements OnModuleInit {
  private readonly byName = new Map<string, Projection>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.byName.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype;
      const instance: unknown = wrapper.instance;
      if (!metatype || typeof metatype !== 'function' || !instance) continue;
      if (Reflect.getMetadata(REGISTERED_PROJECTION, metatype)) this.register(instance as Projection, metatype.name);
      else if (Reflect.getMetadata(REGISTERED_REACTOR, metatype)) this.register(reactorAsProjection(instance as Reactor), metatype.name);
    }
  }

  /** Also used by tests and tools that build projections by hand. */
  register(projection: Projection, source = projection.constructor.name): void {
    assertProjection(projection, source);
    const existing = this.byName.get(projection.name);
    if (existing && existing !== projection) throw new Error(`Two projections are named "${projection.name}" (${existing.constructor.name} and ${source})`);
    this.byName.set(projection.name, projection);
  }

  all(): Projection[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new UnknownProjectionError(name, [...this.byName.keys()].sort());
    return projection;
  }

  find(name: string): Projection | undefined {
    return this.byName.get(name);
  }
}

function assertProjection(candidate: Projection, source: string): void {
  const problems: string[] = [];
  if (typeof candidate.name !== 'string' || !/^[a-z][a-z0-9_.-]*$/.test(candidate.name)) problems.push('name must be a lower-case identifier');
  if (!Number.isInteger(candidate.version) || candidate.version < 1) problems.push('version must be a positive integer');
  if (typeof candidate.apply !== 'function') problems.push('apply() is missing');
  if (!Array.isArray(candidate.tables)) problems.push('tables must be an array');
  if (problems.length) throw new Error(`@RegisteredProjection ${source}: ${problems.join('; ')}`);
}
