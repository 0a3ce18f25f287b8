export * from './demo-seeder.js';
export * from './demo.module.js';
export * from './bulk-seeder.js';
export * from './sample-data.js';
export * from './demo-callers.js';
