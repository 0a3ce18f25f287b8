import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger.js';

function capture(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('the logger never writes personal data', () => {
  const email = 'mariko.sato@example.jp';
  const phone = '090-1234-5678';
  const fullName = '佐藤 真理子';

  it('censors a failed statement’s parameters and PostgreSQL’s detail', () => {
    const out = capture();
    const logger = createLogger('info', out);
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "account_email_key"'), {
      code: '23505',
      detail: `Key (email)=(${email}) already exists.`,
    });
    const err = new QueryFailedError('INSERT INTO identity.account (email, display_name) VALUES ($1, $2)', [email, fullName], driverError);
    logger.error({ err, correlationId: 'c-1' }, 'unexpected error in a GraphQL operation');
    const line = out.lines.join('');
    expect(line).toContain('unexpected error in a GraphQL operation');
    expect(line).toContain('account_email_key');
    for (const value of [email, fullName]) expect(line).not.toContain(value);
  });

  it('censors variables, bodies, credentials and fields named like personal data', () => {
    const out = capture();
    const logger = createLogger('info', out);
    logger.info({ variables: { input: { email, phone, fullName } } }, 'operation');
    logger.info({ body: JSON.stringify({ email }) }, 'request');
    logger.info({ req: { headers: { authorization: 'Bearer secret-token' } } }, 'request');
    logger.info({ guest: { fullName, phone }, email }, 'nested');
    logger.info({ stay: { guest: { phone } } }, 'deeper');
    const text = out.lines.join('');
    for (const value of [email, phone, fullName, 'secret-token']) expect(text).not.toContain(value);
    expect(out.lines).toHaveLength(5);
    expect(text).toContain('[redacted]');
  });
});
