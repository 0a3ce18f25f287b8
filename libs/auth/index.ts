export * from './auth.module.js';
export * from './caller-authenticator.js';
export * from './caller.guard.js';
export * from './caller.js';
export * from './current-caller.decorator.js';
export * from './password-hasher.js';
export * from './require.js';
export * from './token-service.js';
