export * from './demo-seeder.js';
export * from './demo.module.js';
