// The registry class lives in the platform so every context can count into it; this library provides and serves it.
export { TallyMetrics } from '@tally/platform';
