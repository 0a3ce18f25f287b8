export * from './messaging.module.js';
export * from './outbox-relay.js';
export * from './subscriber-registry.js';
export * from './transactional-handler.js';
export * from './unit-of-work.js';
export * from './outbox-subscriber.js';
export * from './live-feed.js';
export * from './inbox.js';
