export * from './enums.js';
export * from './events.js';
export * from './commands.js';
export * from './export.js';
