export { MatchingModule } from './matching.module.js';
