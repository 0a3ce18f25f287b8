export { HousingModule } from './housing.module.js';
