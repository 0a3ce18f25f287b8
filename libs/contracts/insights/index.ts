export * from './personal-data.js';
