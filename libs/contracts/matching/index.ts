export * from './enums.js';
export * from './events.js';
