import 'reflect-metadata';
import { jest } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { InvalidInputError } from '../ddd/errors.js';
import { validationExceptionFactory } from './errors.js';
import { RememberingValidationPipe } from './validation.js';

class Range {
  @IsInt() @Min(1) @Max(100) first!: number;
}

class Filter {
  @IsOptional() @IsString() @Length(1, 10) text?: string;
  @IsOptional() @ValidateNested() @Type(() => Range) range?: Range;
}

/** The same shape as Filter, with a stricter rule. */
class ShortFilter {
  @IsOptional() @IsString() @Length(1, 3) text?: string;
}

const arg = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: 'filter' });

function pipe(capacity?: number) {
  const made = new RememberingValidationPipe({
    transform: true,
    exceptionFactory: validationExceptionFactory,
    forbidUnknownValues: false,
    capacity,
  });
  const validate = jest.spyOn(made as unknown as { validate: (...a: unknown[]) => unknown }, 'validate');
  return { pipe: made, validate };
}

async function problems(work: Promise<unknown>): Promise<unknown> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).fields;
}

describe('RememberingValidationPipe', () => {
  it('validates an input once, then gives the same instance shape without validating it again', async () => {
    const { pipe: p, validate } = pipe();
    const first = await p.transform({ text: 'abc', range: { first: 20 } }, arg(Filter));
    const again = await p.transform({ text: 'abc', range: { first: 20 } }, arg(Filter));
    expect(validate).toHaveBeenCalledTimes(1);
    for (const value of [first, again]) {
      expect(value).toBeInstanceOf(Filter);
      expect((value as Filter).range).toBeInstanceOf(Range);
      expect(value).toEqual(Object.assign(new Filter(), { text: 'abc', range: Object.assign(new Range(), { first: 20 }) }));
    }
    expect(again).not.toBe(first);
    expect(p.remembered).toBe(1);
  });

  it('refuses a failing input every time with the same fields, and never remembers it', async () => {
    const { pipe: p, validate } = pipe();
    const bad = { text: 'far too long for it', range: { first: 0 } };
    const fields = [
      { field: 'text', message: expect.stringContaining('text') },
      { field: 'range.first', message: expect.stringContaining('first') },
    ];
    expect(await problems(p.transform(bad, arg(Filter)))).toEqual(fields);
    expect(await problems(p.transform(bad, arg(Filter)))).toEqual(fields);
    expect(validate).toHaveBeenCalledTimes(2);
    expect(p.remembered).toBe(0);
  });

  it('does not let a passed input vouch for another value or for another class', async () => {
    const { pipe: p } = pipe();
    await p.transform({ text: 'abcd' }, arg(Filter));
    await expect(p.transform({ text: 'abcd', range: { first: 101 } }, arg(Filter))).rejects.toBeInstanceOf(InvalidInputError);
    expect(await problems(p.transform({ text: 'abcd' }, arg(ShortFilter)))).toEqual([
      { field: 'text', message: expect.stringContaining('text') },
    ]);
  });

  it('keeps at most its capacity, forgetting the oldest first', async () => {
    const { pipe: p, validate } = pipe(2);
    for (const text of ['a', 'b', 'c']) await p.transform({ text }, arg(Filter));
    expect(p.remembered).toBe(2);
    await p.transform({ text: 'c' }, arg(Filter));
    expect(validate).toHaveBeenCalledTimes(3);
    await p.transform({ text: 'a' }, arg(Filter));
    expect(validate).toHaveBeenCalledTimes(4);
  });

  it('passes primitives, nil and large inputs through the plain pipe', async () => {
    const { pipe: p, validate } = pipe();
    expect(await p.transform(7, { type: 'query', metatype: Number, data: 'first' })).toBe(7);
    expect(await p.transform(undefined, arg(Filter))).toBeInstanceOf(Filter);
    const large = { text: 'x'.repeat(3000) };
    await expect(p.transform(large, arg(Filter))).rejects.toBeInstanceOf(InvalidInputError);
    const fine = { text: 'ok', padding: 'y'.repeat(3000) };
    await p.transform(fine, arg(Filter));
    await p.transform(fine, arg(Filter));
    expect(validate).toHaveBeenCalledTimes(4);
    expect(p.remembered).toBe(0);
  });
});
