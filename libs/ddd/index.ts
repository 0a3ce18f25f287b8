export * from './aggregate-root.js';
export * from './domain-event.js';
export * from './errors.js';
export * from './ids.js';
export * from './calendar-day.js';
export * from './phone.js';
