import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Where personal data could reach a log line, censored before it is written (contract
 * 90-privacy: names, emails and phone numbers are never written to logs). The values of a
 * failed SQL statement (TypeORM's `parameters`, PostgreSQL's `detail`: "Key (email)=(…)"),
 * GraphQL variables and request bodies, credentials, and any field of those names one or two
 * levels down. Messages themselves never carry them: domain errors name ids, not people.
 */
export const REDACTED_PATHS = [
  'err.parameters', 'err.detail', 'err.driverError.parameters', 'err.driverError.detail',
  'err.cause.parameters', 'err.cause.detail', 'err.originalError.parameters', 'err.originalError.detail',
  'parameters', 'detail', 'variables', 'body', '*.variables', '*.body',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization',
  'password', 'token', 'email', 'phone', 'fullName', 'displayName',
  '*.password', '*.token', '*.email', '*.phone', '*.fullName', '*.displayName',
  '*.*.email', '*.*.phone', '*.*.fullName', '*.*.displayName',
];

/** The process's structured JSON logger. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'minato' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/** Nest's logger, writing through pino so everything is one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
