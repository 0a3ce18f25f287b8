export * from './demo-seeder.js';
export * from './demo.module.js';
export * from './bulk-seeder.js';
