export * from './enums.js';
export * from './events.js';
export * from './graphql.js';
export * from './queries.js';
export * from './loaders.js';
export * from './personal-data.js';
export * from './commands.js';
