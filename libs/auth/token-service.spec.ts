import jwt from 'jsonwebtoken';
import { TokenService } from './token-service.js';

const SECRET = 'unit-test-secret-that-is-long-enough-0123';
const tokens = new TokenService({ secret: SECRET, ttlSeconds: 600 });
const ACCOUNT = '6f1c1a52-2f0b-4a36-9a53-7f1d1b3f0a11';
const claims = { gen: 0 };
/** Sign options as the service uses them; `undefined` in `extra` leaves an option out. */
const options = (extra: Partial<Record<keyof jwt.SignOptions, unknown>> = {}): jwt.SignOptions =>
  Object.fromEntries(
    Object.entries({
      algorithm: 'HS256',
      subject: ACCOUNT,
      issuer: 'minato',
      expiresIn: 600,
      jwtid: '0b8a4d4e-5f7e-4a51-8a0e-2a4a7c9d1e22',
      ...extra,
    }).filter(([, v]) => v !== undefined),
  ) as jwt.SignOptions;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenService', () => {
  it('issues a token that names the account, its own id, the generation and the expiry', () => {
    const before = Date.now();
    const verified = tokens.verify(tokens.issue(ACCOUNT, 3));
    expect(verified).toMatchObject({ accountId: ACCOUNT, generation: 3 });
    expect(verified!.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(verified!.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 600_000);
    expect(verified!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 600_000);
  });

  it('gives every token an id of its own', () => {
    const ids = new Set(Array.from({ length: 20 }, () => tokens.verify(tokens.issue(ACCOUNT, 0))!.tokenId));
    expect(ids.size).toBe(20);
  });

  it('signs HS256 with the secret as bytes, so tokens of the string-secret version still verify', () => {
    const issued = tokens.issue(ACCOUNT, 0);
    expect(JSON.parse(Buffer.from(issued.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(() => jwt.verify(issued, SECRET, { algorithms: ['HS256'] })).not.toThrow();
    expect(tokens.verify(jwt.sign(claims, SECRET, options()))).toMatchObject({ accountId: ACCOUNT, generation: 0 });
  });

  it('refuses alg none, another key, another HMAC, an expired token and a tampered one', () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: ACCOUNT, iss: 'minato', jti: options().jwtid, gen: 0, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expect(tokens.verify(unsigned)).toBeNull();
    expect(tokens.verify(jwt.sign(claims, 'another-secret-that-is-long-enough-0123', options()))).toBeNull();
    expect(tokens.verify(jwt.sign(claims, SECRET, options({ algorithm: 'HS512' })))).toBeNull();
    expect(tokens.verify(jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, SECRET, options({ expiresIn: undefined })))).toBeNull();
    const [header, , signature] = tokens.issue(ACCOUNT, 0).split('.');
    const forgedBody = b64({ sub: 'someone-else', iss: 'minato', jti: options().jwtid, gen: 0, exp: Math.floor(Date.now() / 1000) + 600 });
    expect(tokens.verify(`${header}.${forgedBody}.${signature}`)).toBeNull();
    expect(tokens.verify('garbage')).toBeNull();
  });

  it('refuses a token without an id or a generation (issued before tokens could be revoked)', () => {
    expect(tokens.verify(jwt.sign({}, SECRET, options()))).toBeNull();
    expect(tokens.verify(jwt.sign(claims, SECRET, options({ jwtid: undefined })))).toBeNull();
    expect(tokens.verify(jwt.sign(claims, SECRET, options({ jwtid: 'not-a-uuid' })))).toBeNull();
    expect(tokens.verify(jwt.sign({ gen: -1 }, SECRET, options()))).toBeNull();
    expect(tokens.verify(jwt.sign({ gen: '0' }, SECRET, options()))).toBeNull();
    expect(tokens.verify(jwt.sign(claims, SECRET, options({ issuer: 'someone' })))).toBeNull();
  });
});
