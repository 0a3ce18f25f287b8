import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new identity for an aggregate. */
export const newId = (): string => randomUUID();

/** Whether a client-supplied id can name anything at all (ids are UUIDs). */
export const isId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
