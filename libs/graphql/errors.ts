import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ConflictError, DomainError, InvalidInputError, TooManyRequestsError, type FieldProblem } from '../ddd/errors.js';

/** Flattens class-validator's nested errors into `{ field, message }` with dotted paths. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field: path, message });
    if (error.children?.length) out.push(...fieldProblems(error.children, path));
  }
  return out;
}

/** The ValidationPipe's exceptionFactory: BAD_USER_INPUT naming every field at fault. */
export const validationExceptionFactory = (errors: ValidationError[]): InvalidInputError =>
  new InvalidInputError(fieldProblems(errors));

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const HTTP_CODES: Record<number, string> = { 400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

/** Where a variable-coercion message points, e.g. `at "input.capacity"` -> `capacity`. */
function coercionField(message: string): string {
  const at = /at "([^"]+)"/.exec(message)?.[1] ?? /Variable "\$([^"]+)"/.exec(message)?.[1] ?? 'input';
  return at.replace(/^input\./, '');
}

/**
 * The contract's error model, in one place: named domain errors become their code (with
 * `fields` or `reason`); GraphQL's own request errors keep theirs; everything else is
 * logged with a correlation id and masked, so no stack trace or internal message leaks.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      const extensions: Record<string, unknown> = { code: original.code };
      if (original instanceof InvalidInputError) extensions.fields = original.fields;
      if (original instanceof ConflictError) extensions.reason = original.reason;
      if (original instanceof TooManyRequestsError) extensions.retryAfterSeconds = original.retryAfterSeconds;
      return { ...base, message: original.message, extensions };
    }
    if (original instanceof HttpException && HTTP_CODES[original.getStatus()]) {
      const code = HTTP_CODES[original.getStatus()];
      const extensions: Record<string, unknown> = { code };
      if (code === 'BAD_USER_INPUT') extensions.fields = [{ field: 'input', message: original.message }];
      return { ...base, message: original.message, extensions };
    }
    // A value PostgreSQL cannot take (an out-of-range date, say) is the input's fault, not ours.
    const sqlState = (original as { driverError?: { code?: unknown } } | undefined)?.driverError?.code;
    if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
      return {
        ...base,
        message: 'A value in the request is out of range',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input', message: 'a value is out of range or malformed' }] },
      };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (original instanceof GraphQLError || error instanceof GraphQLError) {
      if (code === 'BAD_USER_INPUT') {
        return {
          ...base,
          extensions: { code, fields: [{ field: coercionField(formatted.message), message: formatted.message }] },
        };
      }
      if (code && PASS_THROUGH.has(code)) return { ...base, extensions: { code } };
    }
    const correlationId = randomUUID();
    const reqId = (error as { requestId?: string }).requestId;
    logger.error({ err: original, correlationId, reqId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: `Something went wrong on our side. Quote ${correlationId} when you report it.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    };
  };
}

/**
 * Tags each error with the HTTP request id before it is formatted, so the log line of a
 * masked error carries the same reqId as the request's access log.
 */
export function requestIdOnErrors(): ApolloServerPlugin<{ req?: { id?: string } }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) (e as { requestId?: string }).requestId = contextValue.req?.id;
        },
      };
    },
  };
}

/**
 * A module's refusal (a DomainError: CONFLICT, FORBIDDEN, BAD_USER_INPUT…) is an answer, not
 * a failure: hand it back to GraphQL, which maps it to the contract's code, without Nest's
 * default handler logging it at level error with its stack (a storm of refusals — a full
 * event, taken nights — would flood the logs). Anything else still goes to that handler.
 */
@Catch(DomainError)
export class DomainErrorPassThrough implements ExceptionFilter {
  catch(exception: DomainError, host: ArgumentsHost): DomainError {
    if (host.getType<string>() === 'graphql') return exception;
    throw exception;
  }
}
