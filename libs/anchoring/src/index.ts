// The only import surface of the anchoring context.
export * from './anchoring.errors';
export { AnchoringModule } from './anchoring.module';
export { anchoringSchema } from './anchoring.schema';
