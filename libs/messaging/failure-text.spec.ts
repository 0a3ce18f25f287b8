import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { NotFoundError } from '../ddd/errors.js';
import { failureText } from './outbox-relay.js';

/** An error as node-postgres hands it over from PostgreSQL. */
function postgresError(message: string, fields: Partial<pg.DatabaseError>): pg.DatabaseError {
  return Object.assign(new pg.DatabaseError(message, message.length, 'error'), { severity: 'ERROR' }, fields);
}

describe('failureText (what the relay records of a failure)', () => {
  it("keeps the app's own errors as they are, though they carry a code", () => {
    expect(failureText(new NotFoundError('Registration', 'r-1'))).toBe(new NotFoundError('Registration', 'r-1').message);
    expect(failureText(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe('read ECONNRESET');
  });

  it("keeps PostgreSQL's messages that name objects, with the SQLSTATE", () => {
    const duplicate = postgresError('duplicate key value violates unique constraint "account_email_key"', {
      code: '23505',
      detail: 'Key (email)=(taro@example.com) already exists.',
    });
    expect(failureText(duplicate)).toBe('PostgreSQL 23505: duplicate key value violates unique constraint "account_email_key"');
    expect(failureText(new QueryFailedError('INSERT …', [], duplicate))).toBe(failureText(duplicate));
  });

  it('keeps no message that can quote a value: data exceptions, syntax errors, RAISE and ASSERT whatever their SQLSTATE', () => {
    const cases = [
      postgresError('invalid input syntax for type uuid: "taro@example.com"', { code: '22P02', routine: 'string_to_uuid' }),
      postgresError('syntax error at or near "taro@example.com"', { code: '42601', routine: 'scanner_yyerror' }),
      postgresError('listing taro@example.com is archived', { code: '23514', routine: 'exec_stmt_raise' }),
      postgresError('taro@example.com', { code: 'P0004', routine: 'exec_stmt_assert' }),
    ];
    for (const error of cases) {
      for (const text of [failureText(error), failureText(new QueryFailedError('SELECT …', [], error))]) {
        expect(text).not.toContain('taro@example.com');
        expect(text).toBe(`PostgreSQL ${error.code} (routine ${error.routine}): message not kept (it can quote a value)`);
      }
    }
  });
});
