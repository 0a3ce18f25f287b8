export * from './connection.js';
export * from './context.js';
export * from './errors.js';
export * from './ide.js';
export * from './loaders.js';
export * from './query-limits.js';
export * from './transport-errors.js';
export * from './validators.js';
