// The only import surface of the admin context.
export { AdminModule } from './admin.module';
export { AdminError } from './admin.errors';
