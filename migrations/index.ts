import { Foundation1764100000000 } from './1764100000000-foundation.js';

/** Every migration, in order. A new one is added here as well as in this folder. */
export const migrations = [Foundation1764100000000];
