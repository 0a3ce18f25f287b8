export * from './enums.js';
export * from './events.js';
export * from './personal-data.js';
