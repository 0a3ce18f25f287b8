import { Type } from '@nestjs/common';
import { Field, Int, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import { InvalidInputError } from '../ddd/errors.js';
import { Computed } from './plain-fields.js';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  // Encoded when read (LazyPageInfo): each keeps a resolver (libs/graphql/plain-fields.ts).
  @Field(() => String, { nullable: true }) @Computed() startCursor!: string | null;
  @Field(() => String, { nullable: true }) @Computed() endCursor!: string | null;
}

/**
 * How many rows match in all: a number, or a function that counts when called. The field's
 * middleware calls it, so the count runs only when a client selects `totalCount` (a page is
 * often 1/100 of the work of counting everything that matches).
 */
export type TotalCount = number | (() => Promise<number>);

/** The plain shape resolvers return for a connection. */
export interface ConnectionShape<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: PageInfo;
  totalCount: TotalCount;
}

/** A count that runs on first use, once, however many aliases select it. */
export function lazyCount(count: () => Promise<number>): () => Promise<number> {
  let running: Promise<number> | undefined;
  return () => (running ??= count());
}

/** Resolves a lazy total by calling it (Nest's field resolver returns properties as they are). */
const countWhenSelected: FieldMiddleware = async (_ctx, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
};

/** Declares `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node) node!: T;
    @Field() @Computed() cursor!: string; // encoded when read (LazyEdge)
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { middleware: [countWhenSelected] }) totalCount!: number;
  }
  return ConnectionType as Type<ConnectionShape<T>>;
}

/** Cursors are opaque to clients: base64url of the keyset values of the row. */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `arity` values; BAD_USER_INPUT otherwise. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): Array<string | number> {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as Array<string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw InvalidInputError.field(field, 'is not a cursor from this list');
}

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

/** Validates `first`: 1 to MAX_PAGE, DEFAULT_PAGE when omitted. */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw InvalidInputError.field('first', `must be from 1 to ${MAX_PAGE}`);
  }
  return first;
}

/**
 * Builds a connection from rows fetched with LIMIT first + 1 (the extra row only tells
 * whether another page exists).
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  after: string | null | undefined,
  totalCount: TotalCount,
  keyOf: (row: T) => ReadonlyArray<string | number>,
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => new LazyEdge(node, keyOf));
  return {
    edges,
    pageInfo: new LazyPageInfo(edges, rows.length > first, after !== undefined && after !== null),
    totalCount: typeof totalCount === 'function' ? lazyCount(totalCount) : totalCount,
  };
}

/**
 * An edge whose cursor is encoded when read: a list screen that selects no cursor (most
 * do; they page with pageInfo.endCursor) encodes none, or one.
 */
class LazyEdge<T> {
  #cursor: string | undefined;
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => ReadonlyArray<string | number>,
  ) {}

  get cursor(): string {
    return (this.#cursor ??= encodeCursor(this.keyOf(this.node)));
  }
}

/** pageInfo with start and end cursors encoded when read. */
class LazyPageInfo implements PageInfo {
  constructor(
    private readonly edges: ReadonlyArray<{ cursor: string }>,
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

// PostgreSQL's text form of a timestamptz, as keyset cursors carry it (…::text).
const PG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2})(?::(\d{2}))?$/;

/**
 * Decodes a cursor of [timestamp as PostgreSQL prints it, uuid], checking the timestamp is a
 * real instant (no 2025-02-30) so the database never sees a value it would reject.
 */
export function decodeTimeCursor(cursor: string, field = 'after'): [string, string] {
  const [key, id] = decodeCursor(cursor, 2, field);
  const bad = () => InvalidInputError.field(field, 'is not a cursor from this list');
  const m = typeof key === 'string' ? PG_TIMESTAMP.exec(key) : null;
  if (!m || typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw bad();
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const real =
    y >= 1 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d &&
    at.getUTCHours() === h && at.getUTCMinutes() === mi && at.getUTCSeconds() === s && Math.abs(Number(m[8])) <= 15;
  if (!real) throw bad();
  return [key as string, id];
}
