import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { TaskHandler } from './async-task';
import { REGISTERED_TASK } from './registered-task.decorator';

/** Every provider marked `@RegisteredTask(type)`, found once the module graph is built. */
@Injectable()
export class TaskRegistry implements OnModuleInit {
  private readonly byType = new Map<string, TaskHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.byType.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype;
      const instance: unknown = wrapper.instance;
      if (!metatype || typeof metatype !== 'function' || !instance) continue;
      const type: unknown = Reflect.getMetadata(REGISTERED_TASK, metatype);
      if (typeof type === 'string') this.register(type, instance as TaskHandler, metatype.name);
    }
  }

  register(type: string, handler: TaskHandler, source = handler.constructor.name): void {
    if (!/^[a-z][a-z0-9_.-]*$/.test(type)) throw new Error(`@RegisteredTask ${source}: "${type}" must be a lower-case identifier`);
    if (typeof handler.handle !== 'function') throw new Error(`@RegisteredTask ${source}: handle() is missing`);
    const existing = this.byType.get(type);
    if (existing && existing !== handler) throw new Error(`Two task handlers for "${type}" (${existing.constructor.name} and ${source})`);
    this.byType.set(type, handler);
  }

  find(type: string): TaskHandler | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }
}
