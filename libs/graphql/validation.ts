import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';

/** Inputs whose JSON is longer than this are validated every time and not remembered. */
const MAX_KEY_LENGTH = 2048;

/**
 * Nest's ValidationPipe that remembers which inputs passed. class-validator's rules here are
 * pure functions of the value (no rule reads the clock, the database or the caller), so an
 * input that passed once passes again: the same page asked by many people is validated once
 * and then only turned into its class. What is remembered is the class and the input's JSON,
 * only for inputs that passed and are at most 2 KB, and at most `capacity` of them (the
 * oldest goes first). An input that failed is validated again each time, so its errors are
 * always the pipe's own. A rule that is not pure (a custom validator reading state) must not
 * be added to an input class while this pipe is in use.
 */
export class RememberingValidationPipe extends ValidationPipe {
  private readonly passed = new Map<string, true>();
  private readonly classIds = new WeakMap<object, number>();
  private readonly capacity: number;

  constructor(options: ValidationPipeOptions & { capacity?: number } = {}) {
    const { capacity = 1000, ...rest } = options;
    super(rest);
    this.capacity = capacity;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (!metatype || !this.isTransformEnabled || typeof value !== 'object' || value === null || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return super.transform(value, metadata);
    const key = this.keyOf(metatype, value);
    if (key !== undefined && this.passed.has(key)) {
      return plainToInstance(metatype as new () => object, value, this.transformOptions);
    }
    const result = await super.transform(value, metadata);
    if (key !== undefined) this.remember(key);
    return result;
  }

  /** The class and the input's JSON, or undefined when the input is too large to remember. */
  private keyOf(metatype: object, value: object): string | undefined {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      return undefined;
    }
    if (json === undefined || json.length > MAX_KEY_LENGTH) return undefined;
    let id = this.classIds.get(metatype);
    if (id === undefined) {
      id = nextClassId++;
      this.classIds.set(metatype, id);
    }
    return `${id}:${json}`;
  }

  private remember(key: string): void {
    if (this.passed.size >= this.capacity) {
      const oldest = this.passed.keys().next().value;
      if (oldest !== undefined) this.passed.delete(oldest);
    }
    this.passed.set(key, true);
  }

  /** How many passed inputs are remembered (for tests). */
  get remembered(): number {
    return this.passed.size;
  }
}

let nextClassId = 1;
