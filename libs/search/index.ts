export * from './text-search.js';
