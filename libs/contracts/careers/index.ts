export * from './events.js';
export * from './graphql.js';
export * from './loaders.js';
export * from './queries.js';
export * from './work-style.js';
export * from './personal-data.js';
